import { useEffect, useState } from 'preact/hooks';
import { api, errorText, get } from '../api.js';

const AUTO = new Set(['id', 'created_at', 'updated_at']);

/** [name, definition] of each field of a Kong schema ({fields: [{name: definition}]}) a person may set. */
function fieldsOf(schema) {
  return (schema.fields || []).map((f) => Object.entries(f)[0]).filter(([name, d]) => !AUTO.has(name) && !d.auto);
}

function kindOf(d) {
  if (d.type === 'foreign') return 'foreign';
  if (d.type === 'boolean') return 'boolean';
  if (d.type === 'integer' || d.type === 'number') return 'number';
  if (d.type === 'string') return d.one_of ? 'choice' : 'text';
  if ((d.type === 'array' || d.type === 'set') && d.elements?.type === 'string' && !d.elements.one_of) return 'list';
  return 'json';
}

/** The form's text for a stored value. */
function toText(kind, value) {
  if (value === undefined || value === null) return kind === 'boolean' ? false : '';
  if (kind === 'foreign') return value.id || '';
  if (kind === 'list') return value.join(', ');
  if (kind === 'json') return JSON.stringify(value, null, 1);
  return kind === 'boolean' ? value : String(value);
}

/** The value to send for the form's text; undefined when empty. */
function fromText(kind, text) {
  if (kind === 'boolean') return text;
  if (text === '') return undefined;
  if (kind === 'foreign') return { id: text };
  if (kind === 'number') return Number(text);
  if (kind === 'list') return text.split(',').map((s) => s.trim()).filter(Boolean);
  if (kind === 'json') {
    try {
      return JSON.parse(text);
    } catch {
      return text; // the Admin API says what is wrong with it
    }
  }
  return text;
}

/**
 * A create (POST /{kind}) or edit (PATCH /{kind}/{id}) form driven by GET /schemas/{kind}, showing the Admin API's
 * own validation messages (its message and each field's).
 */
export function EntityForm({ kind, entity, parents, onSaved, onCancel }) {
  const [schema, setSchema] = useState(null);
  const [values, setValues] = useState({});
  const [error, setError] = useState(null);

  useEffect(() => {
    get(`/schemas/${kind}`).then((res) => {
      if (!res.ok) return setError({ message: errorText(res) });
      setSchema(res.json);
      const initial = {};
      fieldsOf(res.json).forEach(([name, d]) => {
        const k = kindOf(d);
        initial[name] = entity ? toText(k, entity[name]) : k === 'boolean' ? d.default === true : '';
      });
      setValues(initial);
    });
  }, [kind, entity]);

  if (!schema) return error ? <p class="error">{error.message}</p> : <p class="muted">Loading the schema…</p>;

  async function submit(event) {
    event.preventDefault();
    const body = {};
    fieldsOf(schema).forEach(([name, d]) => {
      const k = kindOf(d);
      const value = fromText(k, values[name]);
      const before = entity ? toText(k, entity[name]) : k === 'boolean' ? d.default === true : '';
      if (entity ? values[name] !== before : value !== undefined && !(k === 'boolean' && value === before)) {
        body[name] = value === undefined ? null : value;
      }
    });
    const res = entity ? await api('PATCH', `/${kind}/${entity.id}`, body) : await api('POST', `/${kind}`, body);
    if (res.ok) onSaved(res.json);
    else setError(res.json || { message: errorText(res) });
  }

  const fields = fieldsOf(schema);
  const required = fields.filter(([, d]) => d.required && d.default === undefined);
  const rest = fields.filter((f) => !required.includes(f));
  const input = ([name, d]) => {
    const k = kindOf(d);
    const set = (v) => setValues({ ...values, [name]: v });
    const fieldError = error?.fields?.[name];
    let control;
    if (k === 'boolean') control = <input type="checkbox" name={name} checked={values[name]} onChange={(e) => set(e.target.checked)} />;
    else if (k === 'choice') {
      control = (
        <select name={name} value={values[name]} onChange={(e) => set(e.target.value)}>
          <option value="">{d.default !== undefined ? `(default: ${d.default})` : ''}</option>
          {d.one_of.map((o) => <option key={o} value={o}>{o}</option>)}
        </select>
      );
    } else if (k === 'foreign') {
      control = (
        <select name={name} value={values[name]} onChange={(e) => set(e.target.value)}>
          <option value="">none</option>
          {(parents[d.reference] || []).map((p) => <option key={p.id} value={p.id}>{p.name || p.username || p.id}</option>)}
        </select>
      );
    } else if (k === 'json') control = <textarea name={name} value={values[name]} onInput={(e) => set(e.target.value)} rows={3} />;
    else {
      const hint = d.default !== undefined ? `default: ${JSON.stringify(d.default)}` : k === 'list' ? 'comma-separated' : '';
      control = <input name={name} type={k === 'number' ? 'number' : 'text'} value={values[name]} placeholder={hint} onInput={(e) => set(e.target.value)} />;
    }
    return (
      <label key={name} class={fieldError ? 'field invalid' : 'field'}>
        <span>{name}{d.required ? ' *' : ''}</span>
        {control}
        {fieldError && <small class="error field-error">{typeof fieldError === 'string' ? fieldError : JSON.stringify(fieldError)}</small>}
      </label>
    );
  };
  return (
    <form class="entity-form" id="entity-form" onSubmit={submit}>
      <h2>{entity ? `Edit ${kind.replace(/s$/, '')} ${entity.name || entity.id}` : `New ${kind.replace(/s$/, '')}`}</h2>
      {error && <p class="error" id="form-error">{error.message}</p>}
      {required.map(input)}
      {rest.map(input)}
      <div class="buttons">
        <button type="submit" id="form-save">Save</button>
        <button type="button" class="link" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
