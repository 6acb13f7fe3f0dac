// Writes the decK file Kong's openapi-2-kong generates from an OpenAPI file, as YAML (what `inso generate config`
// writes): node generate.js <spec> <out> <tag>
const o2k = require('openapi-2-kong');
const yaml = require('yaml');
const fs = require('fs');
o2k.generate(process.argv[2], 'kong-declarative-config', [process.argv[4]])
  .then(result => fs.writeFileSync(process.argv[3], yaml.stringify(result.documents[0])))
  .catch(e => { console.error(e); process.exit(1); });
