package io.tollgate.application.plugin.bundled;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.domain.shared.SchemaViolation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Kong's bot-detection expectations ({@code spec/03-plugins/21-bot-detection}) on the rules and the config. */
class BotDetectionTest {

    static BotDetection.Compiled compiled(Map<String, Object> config) {
        return BotDetection.Compiled.of(
                new PluginConfig(BotDetection.DEFINITION.config().validate(config)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Googlebot/2.1 (+http://www.google.com/bot.html)",
                "facebookexternalhit/1.1",
                "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
                "Twitterbot/1.0",
                "Apache-HttpClient/4.5.13 (Java/11)",
                "Python-urllib/3.9",
                "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
                "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
                "Scrapy/2.5.0 (+https://scrapy.org)",
                "  Pingdom.com_bot_version_1.4  ",
                "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 5.1; MSIECrawler)",
                "NING/1.0",
                "Mozilla/5.0 (compatible; SemrushBot/7~bl)",
                "my-spider"
            })
    void the_default_rules_find_bots(String agent) {
        assertThat(compiled(Map.of()).refuses(agent)).isTrue();
        assertThat(BotRules.match(agent.strip())).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_5) AppleWebKit/537.36 (KHTML, like Gecko)"
                        + " Chrome/50.0.2661.102 Safari/537.36",
                "HelloWorld",
                "curl/7.43.0",
                "Mozilla/5.0 (Linux; Android 10; CUBOT_X19) AppleWebKit/537.36",
                "Java-http-client/21"
            })
    void browsers_and_tools_pass(String agent) {
        assertThat(compiled(Map.of()).refuses(agent)).isFalse();
    }

    @Test
    void allow_wins_over_the_rules_and_deny_adds_to_them() {
        assertThat(compiled(Map.of("allow", List.of("facebookexternalhit/1.1"))).refuses("facebookexternalhit/1.1"))
                .isFalse();
        BotDetection.Compiled deny = compiled(Map.of("deny", List.of("HelloWorld")));
        assertThat(deny.refuses("HelloWorld")).isTrue();
        assertThat(deny.refuses("HelloWorld")).as("remembered").isTrue();
        assertThat(deny.refuses("curl/7.43.0")).isFalse();
        assertThat(compiled(Map.of("allow", List.of("^Hello"), "deny", List.of("World")))
                        .refuses("HelloWorld"))
                .isFalse();
    }

    @Test
    void bad_regexes_are_refused_with_kongs_message() {
        try {
            BotDetection.DEFINITION.config().validate(Map.of("allow", List.of("(https?:\\/\\/.*")));
            throw new AssertionError("accepted");
        } catch (SchemaViolation e) {
            // Kong: the element's message at its position in a list
            assertThat(e.fields().get("allow")).isEqualTo(List.of("not a valid regex: (https?:\\/\\/.*"));
            assertThat(e.getMessage()).isEqualTo("schema violation (allow.1: not a valid regex: (https?:\\/\\/.*)");
        }
        assertThat(BotDetection.DEFINITION.config().validate(Map.of()))
                .containsEntry("allow", List.of())
                .containsEntry("deny", List.of());
    }
}
