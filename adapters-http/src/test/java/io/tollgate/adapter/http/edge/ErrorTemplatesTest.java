package io.tollgate.adapter.http.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ErrorTemplatesTest {

    @Test
    void expandsTheMessageThenTheRequestIdAndUndoublesPercents() {
        assertThat(ErrorTemplates.render("%s (%s) 50%%", "Not found", "rid")).isEqualTo("Not found (rid) 50%");
        assertThat(ErrorTemplates.render("only %s", "Not found", "rid")).isEqualTo("only Not found");
        assertThat(ErrorTemplates.render("none", "Not found", "rid")).isEqualTo("none");
    }

    @Test
    void refusesWhatKongWouldFailToRender() {
        assertThat(ErrorTemplates.check("%s %s %%")).isEqualTo("%s %s %%");
        assertThatThrownBy(() -> ErrorTemplates.check("%s %s %s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than two %s");
        assertThatThrownBy(() -> ErrorTemplates.check("code %d"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'%d' at offset 5");
        assertThatThrownBy(() -> ErrorTemplates.check("100%"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'%' at offset 3");
        assertThatThrownBy(() -> new ErrorTemplates.Template("x", "%5s")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void choosesTheTemplateOfEachMediaType() {
        ErrorTemplates templates = new ErrorTemplates(
                new ErrorTemplates.Template("h", "H"),
                new ErrorTemplates.Template("j", "J"),
                new ErrorTemplates.Template("x", "X"),
                null);
        assertThat(templates.forType("text/html")).isEqualTo("H");
        assertThat(templates.forType("application/json")).isEqualTo("J");
        assertThat(templates.forType("application/xml")).isEqualTo("X");
        assertThat(templates.forType("text/xml")).isEqualTo("X");
        assertThat(templates.forType("text/plain")).isNull();
        assertThat(ErrorTemplates.NONE.forType("text/html")).isNull();
    }
}
