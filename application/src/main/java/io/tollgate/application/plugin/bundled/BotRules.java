package io.tollgate.application.plugin.bundled;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The user agents Kong's {@code bot-detection} refuses by default: the bot families of ua-parser's
 * {@code regexes.yaml} that Kong bundles, as data. Each family is one pattern searched anywhere in the (trimmed)
 * {@code User-Agent}, case-sensitive as Kong's. Only whether a family matches matters, so optional version suffixes
 * and optional prefixes that ua-parser captures are left out: they cannot change whether a search finds a match.
 */
final class BotRules {

    /** A named family of bot user agents and the pattern that finds it. */
    record Family(String name, Pattern pattern) {}

    /** Version digits after a name: {@code 1}, {@code 1.2}. */
    private static final String VERSION = "\\d+";

    /** Crawlers known by name (ua-parser's long "Bots" list); a few are anchored at the start. */
    private static final List<String> KNOWN_CRAWLERS = List.of(
            "1470\\.net crawler",
            "50\\.nu",
            "8bo Crawler Bot",
            "Aboundex",
            "Accoona-[A-z]+-Agent",
            "AdsBot-Google(?:-[a-z]+)?",
            "altavista",
            "AppEngine-Google",
            "archive.*?\\.org_bot",
            "archiver",
            "Ask Jeeves",
            "[Bb]ai[Dd]u[Ss]pider(?:-[A-Za-z]+)*",
            "bingbot",
            "BingPreview",
            "blitzbot",
            "BlogBridge",
            "BoardReader(?: [A-Za-z]+)*",
            "boitho.com-dc",
            "BotSeer",
            "\\b\\w*favicon\\w*\\b",
            "\\bYeti(?:-[a-z]+)?",
            "Catchpoint bot",
            "[Cc]harlotte",
            "Checklinks",
            "clumboot",
            "Comodo HTTP\\(S\\) Crawler",
            "Comodo-Webinspector-Crawler",
            "ConveraCrawler",
            "CRAWL-E",
            "CrawlConvera",
            "Daumoa(?:-feedfetcher)?",
            "Feed Seeker Bot",
            "findlinks",
            "Flamingo_SearchEngine",
            "FollowSite Bot",
            "furlbot",
            "Genieo",
            "gigabot",
            "GomezAgent",
            "gonzo1",
            "(?:[a-zA-Z]+-)?Googlebot(?:-[a-zA-Z]+)?",
            "Google SketchUp",
            "grub-client",
            "gsa-crawler",
            "heritrix",
            "HiddenMarket",
            "holmes",
            "HooWWWer",
            "htdig",
            "ia_archiver",
            "ICC-Crawler",
            "Icarus6j",
            "ichiro(?:/mobile)?",
            "IconSurf",
            "IlTrovatore(?:-Setaccio)?",
            "InfuzApp",
            "Innovazion Crawler",
            "InternetArchive",
            "IP2[a-z]+Bot",
            "jbot\\b",
            "KaloogaBot",
            "Kraken",
            "Kurzor",
            "larbin",
            "LEIA",
            "LesnikBot",
            "Linguee Bot",
            "LinkAider",
            "LinkedInBot",
            "Lite Bot",
            "Llaut",
            "lycos",
            "Mail\\.RU_Bot",
            "masidani_bot",
            "Mediapartners-Google",
            "Microsoft .*? Bot",
            "mogimogi",
            "mozDex",
            "MJ12bot",
            "msnbot(?:-media *)?",
            "msrbot",
            "netresearch",
            "Netvibes",
            "NewsGator[^/]*",
            "^NING",
            "Nutch[^/]*",
            "Nymesis",
            "ObjectsSearch",
            "Orbiter",
            "OOZBOT",
            "PagePeeker",
            "PagesInventory",
            "PaxleFramework",
            "Peeplo Screenshot Bot",
            "PlantyNet_WebRobot",
            "Pompos",
            "Read%20Later",
            "Reaper",
            "RedCarpet",
            "Retreiver",
            "Riddler",
            "Rival IQ",
            "scooter",
            "Scrapy",
            "Scrubby",
            "searchsight",
            "seekbot",
            "semanticdiscovery",
            "Simpy",
            "SimplePie",
            "SEOstats",
            "SimpleRSS",
            "SiteCon",
            "Slurp",
            "snappy",
            "Speedy Spider",
            "Squrl Java",
            "TheUsefulbot",
            "ThumbShotsBot",
            "Thumbshots\\.ru",
            "TwitterBot",
            "URL2PNG",
            "Vagabondo",
            "VoilaBot",
            "^vortex",
            "Votay bot",
            "^voyager",
            "WASALive.Bot",
            "Web-sniffer",
            "WebThumb",
            "WeSEE:[A-z]+",
            "WhatWeb",
            "WIRE",
            "WordPress",
            "Wotbox",
            "www\\.almaden\\.ibm\\.com",
            "Xenu(?:.s)? Link Sleuth",
            "Xerka [A-z]+Bot",
            "yacy(?:bot)?",
            "Yahoo[a-z]*Seeker",
            "Yahoo! Slurp",
            "Yandex\\w+",
            "YodaoBot(?:-[A-z]+)?",
            "YottaaMonitor",
            "Yowedo",
            "^Zao",
            "^Zao-Crawler",
            "ZeBot_www\\.ze\\.bz",
            "ZooShot",
            "ZyBorg");

    /** Names followed by {@code /<version>}. */
    private static final List<String> NAME_SLASH_VERSION = List.of(
            "008",
            "Altresium",
            "Argus",
            "BaiduMobaider",
            "BoardReader",
            "DNSGroup",
            "DataparkSearch",
            "EDI",
            "Goodzer",
            "Grub",
            "INGRID",
            "Infohelfer",
            "LinkedInBot",
            "LOOQ",
            "Nutch",
            "PathDefender",
            "Peew",
            "PostPost",
            "Steeler",
            "Twitterbot",
            "VSE",
            "WebCrunch",
            "WebZIP",
            "Y!J-BR[A-Z]",
            "YahooSeeker",
            "envolk",
            "sproose",
            "wminer");

    /** HTTP client libraries and downloaders. */
    private static final List<String> LIBRARIES = List.of(
            "Google-HTTP-Java-Client",
            "Apache-HttpClient",
            "http%20client",
            "Python-urllib",
            "HttpMonitor",
            "TLSProber",
            "WinHTTP",
            "JNLP");

    /** Words that make a generic bot name. */
    private static final String BOT_WORD = "(?:[Aa]rchiver|[Ii]ndexer|[Ss]craper|[Bb]ot|[Ss]pider|[Cc]rawl[a-z]*)";

    /** Every family, in Kong's order. */
    static final List<Family> FAMILIES = List.of(
            family("Pingdom", "Pingdom.com_bot_version_" + VERSION + "\\." + VERSION),
            family("Facebook", "facebookexternalhit/" + VERSION + "\\." + VERSION),
            family("Google+ snippet", "Google.*/\\+/web/snippet"),
            family("Twitter", "Twitterbot/" + VERSION + "\\." + VERSION),
            family(
                    "'/name-version' bots",
                    "/(?:(?:Ant-)?Nutch|[A-z]+[Bb]ot|[A-z]+[Ss]pider|Axtaris|fetchurl|Isara|ShopSalad|Tailsweep)[ \\-]"
                            + VERSION),
            family("'name/version' bots", any(NAME_SLASH_VERSION) + "/" + VERSION),
            family("MSIE crawler", "MSIE " + VERSION + "\\." + VERSION + "(?:[a-z]\\d?)?;.* MSIECrawler"),
            family("HTTP libraries", any(LIBRARIES)),
            family("known crawlers", any(KNOWN_CRAWLERS)),
            family("generic 'name/version'", BOT_WORD + "/" + VERSION),
            family("generic 'name version'", BOT_WORD + " " + VERSION),
            family(
                    "spider, scrape, bot (not CUBOT), crawl",
                    "(?:[Ss][Pp][Ii][Dd][Ee][Rr]|[Ss]crape|[^C][^Uu][Bb]ot|[Cc][Rr][Aa][Ww][Ll])"));

    private BotRules() {}

    private static Family family(String name, String regex) {
        return new Family(name, Pattern.compile(regex));
    }

    private static String any(List<String> alternatives) {
        return "(?:" + String.join("|", alternatives) + ")";
    }

    /** The first family whose pattern is found in {@code userAgent}, or {@code null}. */
    static Family match(String userAgent) {
        for (Family family : FAMILIES) {
            if (family.pattern().matcher(userAgent).find()) {
                return family;
            }
        }
        return null;
    }
}
