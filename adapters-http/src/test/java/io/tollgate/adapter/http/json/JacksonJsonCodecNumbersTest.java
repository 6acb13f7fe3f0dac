package io.tollgate.adapter.http.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JacksonJsonCodecNumbersTest {

    private final JacksonJsonCodec json = new JacksonJsonCodec();

    private String roundTrip(String document) {
        return new String(json.write(json.read(document.getBytes(StandardCharsets.UTF_8))), StandardCharsets.UTF_8);
    }

    @Test
    void floatingPointNumbersAreWrittenAsKongsEncoderWritesThem() {
        assertThat(roundTrip("{\"key\":1.234567891011121E16}")).isEqualTo("{\"key\":1.234567891011121e+16}");
        assertThat(roundTrip("[2.0,0.5,123.456,-1.5e-5,9007199254740992.0,1e300,0.0001,0.1]"))
                .isEqualTo("[2,0.5,123.456,-1.5e-05,9007199254740992,1e+300,0.0001,0.1]");
    }

    @Test
    void integersStayExact() {
        assertThat(roundTrip("[9007199254740993,-42,9223372036854775807]"))
                .isEqualTo("[9007199254740993,-42,9223372036854775807]");
    }
}
