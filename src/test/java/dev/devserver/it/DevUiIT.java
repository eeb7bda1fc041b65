package dev.devserver.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devserver.serving.FunctionView;
import dev.devserver.session.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dev UI in a real browser (Debian's headless Chromium driven by Selenium) against a real `up` of the sample
 * project: Functions page, function page, Invoke panel, escaping of hostile function output, no CSP violations.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DevUiIT {
    private static final Path SCREENSHOTS = Engine.CHECKOUT.resolve("target/screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path temp;
    static Session session;
    static WebDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void start() {
        session = Sessions.start(TestProjects.copy("gitlab-example", temp));
        browser = Browser.start(temp.resolve("chromium-profile"));
        // Pages re-render as they poll: an element found a moment ago may have been replaced.
        wait = (WebDriverWait) new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (session != null) {
            session.close();
        }
    }

    private static FunctionView echo() {
        return session.serving().views().stream().filter(v -> v.function().equals("echo-js")).findFirst().orElseThrow();
    }

    private static WebElement text(String css, String expected) {
        return wait.until(d -> d.findElements(By.cssSelector(css)).stream().filter(e -> e.getText().contains(expected))
                .findFirst().orElse(null));
    }

    private static String textOf(String css) {
        return wait.until(d -> d.findElement(By.cssSelector(css)).getText());
    }

    @Test
    @Order(1)
    void functionsPageListsTheFunctionWithItsUrl() throws IOException {
        Browser.open(browser, "http://localhost:" + session.port() + "/");
        String row = ".function-row[data-function='echo-js']";
        text(row + " .fn-url", echo().url());
        assertEquals("http://functions-echo-js." + session.project().namespace() + ".localhost:" + session.port(), echo().url());
        assertEquals("node.js runtime function", textOf(row + " .fn-description"));
        assertEquals("gitlab/runtimes/nodejs", textOf(row + " .fn-runtime"));
        text(row + " .fn-pods", "1 pod");
        text(row + " .badge", "Ready");
        text(row + " .missing-secret", "missing secret my-secrets"); // the example references my-secrets; none exists
        screenshot("functions-page.png"); // a test artifact in target/screenshots; docs/ holds the README's copy
    }

    @Test
    @Order(2)
    void functionPageShowsPodsRevisionsAndUrl() {
        wait.until(d -> {
            d.findElement(By.cssSelector(".function-row[data-function='echo-js'] .fn-name")).click();
            return true;
        });
        text("#function-url", echo().url());
        text("#function-pods", "1 pod in use");
        text("#revision-timeline .revision[data-revision='functions-echo-js-00001']", "100% traffic");
        text("#traffic .share", "functions-echo-js-00001 100%");
        assertTrue(browser.getCurrentUrl().endsWith("#/functions/echo-js"), browser.getCurrentUrl());
    }

    @Test
    @Order(3)
    void invokePanelSendsThroughTheRouterAndShowsTheResponse() throws IOException {
        new Select(browser.findElement(By.id("invoke-method"))).selectByValue("POST");
        WebElement body = browser.findElement(By.id("invoke-body"));
        body.clear();
        body.sendKeys("{\"hello\":\"devserver\"}");
        browser.findElement(By.id("invoke-send")).click();
        text("#invoke-status", "200");
        text("#invoke-response-body", "\"hello\"");
        assertTrue(textOf("#invoke-response-body").contains("devserver"));
        text("#invoke-duration", "ms");
        assertTrue(textOf("#invoke-response-headers").toLowerCase().contains("content-type"));
        screenshot("function-page.png");
    }

    @Test
    @Order(4)
    void hostileFunctionOutputIsShownAsText() {
        String planted = "<img src=x onerror=\\\"window.pwned=1\\\">";
        WebElement body = browser.findElement(By.id("invoke-body"));
        body.clear();
        body.sendKeys("{\"x\":\"" + planted + "\"}");
        browser.findElement(By.id("invoke-send")).click();
        WebElement shown = text("#invoke-response-body", "<img src=x onerror=");
        assertTrue(shown.findElements(By.tagName("img")).isEmpty(), "the markup must stay text");
        assertTrue(browser.findElements(By.cssSelector("main img")).isEmpty());
        assertNull(((JavascriptExecutor) browser).executeScript("return window.pwned"));
    }

    /**
     * The Invoke panel's CloudEvent mode: binary mode sends the body as the event's data (the echo function returns
     * just the data), structured mode one application/cloudevents+json document (it returns the whole event).
     */
    @Test
    @Order(5)
    void invokePanelSendsCloudEventsInBinaryAndStructuredMode() throws Exception {
        WebElement body = browser.findElement(By.id("invoke-body"));
        body.clear();
        body.sendKeys("{\"order\":42}");
        browser.findElement(By.id("invoke-ce")).click();
        browser.findElement(By.id("invoke-ce-type")).sendKeys("com.example.order.created");
        browser.findElement(By.id("invoke-ce-source")).sendKeys("/shop");
        browser.findElement(By.id("invoke-send")).click();
        JsonNode binary = JSON.readTree(text("#invoke-response-body", "\"order\"").getText());
        assertEquals(JSON.readTree("{\"order\":42}"), binary, "binary mode: the data is the body, the event is in ce-* headers");

        browser.findElement(By.id("invoke-ce-id")).sendKeys("ui-1");
        browser.findElement(By.id("invoke-ce-structured")).click();
        browser.findElement(By.id("invoke-send")).click();
        JsonNode event = JSON.readTree(text("#invoke-response-body", "specversion").getText());
        assertEquals("1.0", event.path("specversion").asText(), event.toString());
        assertEquals("com.example.order.created", event.path("type").asText());
        assertEquals("/shop", event.path("source").asText());
        assertEquals("ui-1", event.path("id").asText());
        assertEquals(42, event.path("data").path("order").asInt(), "JSON data stays JSON: " + event);
        text("#invoke-status", "200");
        browser.findElement(By.id("invoke-ce")).click(); // back to plain requests
    }

    @Test
    @Order(6)
    void logsPageHasTheQueryBoxAndLiveTail() {
        browser.findElement(By.id("nav-logs")).click();
        wait.until(d -> !d.findElements(By.id("log-query")).isEmpty());
        assertTrue(browser.findElement(By.id("log-tail")).isDisplayed());
    }

    @Test
    @Order(7)
    void theStrictCspIsNeverViolated() {
        List<LogEntry> refused = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getMessage().contains("Content Security Policy") || e.getMessage().contains("Refused to"))
                .toList();
        assertEquals(List.of(), refused.stream().map(LogEntry::getMessage).toList());
    }

    /** Requests of the echo function: some GETs, some POSTs, so the charts and the field sidebar have something to show. */
    @Test
    @Order(10)
    void functionPageChartsCountWhatTheRequestLogHolds() throws Exception {
        String host = URI.create(echo().url()).getHost();
        for (int i = 0; i < 7; i++) {
            Http.get(session.port(), host, "/get-" + i);
        }
        for (int i = 0; i < 3; i++) {
            Http.send(session.port(), host, "POST", "/post-" + i, "application/json", "{\"n\":" + i + "}");
        }
        Browser.open(browser, "http://localhost:" + session.port() + "/#/functions/echo-js");
        long logged = waitForChartTotal();
        Map<String, Object> activity = activity();
        assertEquals("15m", activity.get("window"), "a burst of requests a minute old fits the shortest window");
        assertEquals(Boolean.TRUE, activity.get("auto"));
        assertBucketsMatchTheRequestLog(activity, chartSeries("functionPage.chart", 1));
        assertTrue(logged >= 10, "the requests just sent are in the chart: " + logged);
        List<Number> pods = chartSeries("functionPage.chart", 2);
        assertTrue(pods.stream().filter(Objects::nonNull).anyMatch(n -> n.intValue() >= 1), "pods over time: " + pods);
        List<?> coldStarts = (List<?>) activity.get("coldStarts");
        assertEquals(coldStarts.size() > 0, chartSeries("functionPage.chart", 3).stream().anyMatch(Objects::nonNull),
                "cold starts are marked where they happened: " + coldStarts);
        List<Number> p95 = chartSeries("functionPage.latencyChart", 2);
        assertTrue(p95.stream().anyMatch(Objects::nonNull), "latency p95 is drawn: " + p95);
        assertEquals(String.valueOf(logged), textOf("#stat-invocations"));
        screenshot("function-activity.png"); // docs/ holds the README's copy (copied by hand: tests leave the checkout alone)

        WebElement hour = browser.findElement(By.cssSelector(".window-switch [data-window='1h']"));
        hour.sendKeys(Keys.ENTER); // keyboard: the window switch is made of real buttons
        wait.until(d -> "1h".equals(activity().get("window")));
        assertEquals("true", hour.getAttribute("aria-pressed"));
        assertEquals(60, chartSeries("functionPage.chart", 1).size());
        assertBucketsMatchTheRequestLog(activity(), chartSeries("functionPage.chart", 1));
    }

    @Test
    @Order(11)
    void logsPageHistogramCountsMatchingLinesAndAFieldValueNarrowsTheQuery() throws Exception {
        Browser.open(browser, "http://localhost:" + session.port() + "/#/logs?query=" + URLEncoder.encode("function:echo-js", StandardCharsets.UTF_8));
        wait.until(d -> js("return logsPage.chart && logsPage.chart.data[0].length > 0") == Boolean.TRUE);
        Map<String, Object> summary = summary();
        List<ObjectNode> lines = new ArrayList<>(fileLines(session.requestLog()).stream()
                .filter(l -> l.path("service").asText().equals(echo().knativeService())).toList());
        lines.addAll(fileLines(session.requestLog().resolveSibling("echo-js.log")));
        assertHistogramMatches(summary, lines);
        text("#log-fields", "httpRequest.requestMethod");

        long gets = fileLines(session.requestLog()).stream().filter(l -> l.path("service").asText().equals(echo().knativeService())
                && l.path("httpRequest").path("requestMethod").asText().equals("GET")).count();
        WebElement get = wait.until(d -> d.findElement(By.cssSelector(".field-value[data-field='httpRequest.requestMethod'][data-value='GET']")));
        assertTrue(get.getText().contains(String.valueOf(gets)), get.getText() + " should count " + gets);
        get.click();
        wait.until(d -> d.findElement(By.id("log-query")).getAttribute("value").equals("function:echo-js AND httpRequest.requestMethod:GET"));
        wait.until(d -> d.getCurrentUrl().contains("query=function%3Aecho-js+AND+httpRequest.requestMethod%3AGET"));
        text("#log-count", gets + " matching lines");
        List<WebElement> shown = browser.findElements(By.cssSelector("#log-lines .line .text"));
        assertEquals(gets, shown.size());
        assertTrue(shown.stream().allMatch(e -> e.getText().startsWith("GET ")), "only GET requests are left");
        assertHistogramMatches(summary(), fileLines(session.requestLog()).stream()
                .filter(l -> l.path("service").asText().equals(echo().knativeService())
                        && l.path("httpRequest").path("requestMethod").asText().equals("GET")).toList());
        screenshot("logs-page.png");
    }

    @Test
    @Order(12)
    void liveTailFollowsAndPausesWhileScrolledUp() {
        String host = URI.create(echo().url()).getHost();
        Browser.open(browser, "http://localhost:" + session.port() + "/#/logs?query=" + URLEncoder.encode("function:echo-js", StandardCharsets.UTF_8));
        wait.until(d -> js("return logsPage.chart && logsPage.chart.data[0].length > 0") == Boolean.TRUE);
        browser.findElement(By.id("log-tail")).click();
        wait.until(d -> d.getCurrentUrl().contains("tail=1"));
        wait.until(d -> js("return app.source && app.source.readyState === 1") == Boolean.TRUE);
        Http.get(session.port(), host, "/tailed-first");
        text("#log-lines", "/tailed-first");
        // Many lines make the list scroll; reading older ones pauses the tail.
        for (int i = 0; i < 30; i++) {
            Http.get(session.port(), host, "/filler-" + i);
        }
        text("#log-lines", "/filler-29");
        js("const l = document.getElementById('log-lines'); l.scrollTop = 0; l.dispatchEvent(new Event('scroll'));");
        Http.get(session.port(), host, "/while-reading");
        text("#tail-paused", "1 new");
        assertFalse(browser.findElement(By.id("log-lines")).getText().contains("/while-reading"), "paused: nothing moves under the reader");
        browser.findElement(By.id("tail-paused")).click();
        text("#log-lines", "/while-reading");
        assertFalse(browser.findElement(By.id("tail-paused")).isDisplayed());
    }

    @Test
    @Order(13)
    void draggingAcrossTheHistogramZoomsTheTimeRange() {
        WebElement over = wait.until(d -> d.findElement(By.cssSelector("#histogram .u-over")));
        int width = over.getSize().getWidth();
        new Actions(browser).moveToElement(over, -width / 4, 0).clickAndHold().moveByOffset(width / 2, 0).release().perform();
        wait.until(d -> d.getCurrentUrl().contains("from=") && d.getCurrentUrl().contains("to="));
        assertTrue(browser.findElement(By.id("range-reset")).isDisplayed());
        Map<String, Object> summary = summary();
        assertTrue(Instant.parse((String) summary.get("from")).isBefore(Instant.parse((String) summary.get("to"))));
        browser.findElement(By.id("range-reset")).click();
        wait.until(d -> !d.getCurrentUrl().contains("from="));
    }

    @Test
    @Order(14)
    void pagesFitANarrowWindow() throws IOException {
        browser.manage().window().setSize(new Dimension(420, 800));
        try {
            for (String page : List.of("#/", "#/functions/echo-js", "#/logs")) {
                Browser.open(browser, "http://localhost:" + session.port() + "/" + page);
                text("#page", page.equals("#/logs") ? "Matching lines" : "echo-js");
                wait.until(d -> js("return document.documentElement.scrollWidth <= window.innerWidth") == Boolean.TRUE);
            }
            wait.until(d -> js("return logsPage.chart && logsPage.chart.data[0].length > 0") == Boolean.TRUE);
            screenshot("logs-page-narrow.png");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 800));
        }
        theStrictCspIsNeverViolated();
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> activity() {
        return (Map<String, Object>) js("return functionPage.activityData");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> summary() {
        return (Map<String, Object>) js("return logsPage.summaryData");
    }

    @SuppressWarnings("unchecked")
    private static List<Number> chartSeries(String chart, int series) {
        return (List<Number>) js("return " + chart + ".data[" + series + "]");
    }

    /** Waits until the chart shows every request of the function the request log holds, and returns that count. */
    private long waitForChartTotal() {
        return wait.until(d -> {
            if (js("return !!(functionPage.chart && functionPage.activityData)") != Boolean.TRUE) {
                return null;
            }
            long shown = chartSeries("functionPage.chart", 1).stream().mapToLong(Number::longValue).sum();
            long logged = fileLines(session.requestLog()).stream()
                    .filter(l -> l.path("service").asText().equals(echo().knativeService())).count();
            return shown == logged && logged > 0 ? logged : null;
        });
    }

    /** The chart's bucket counts, recounted from requests.jsonl with the bucket bounds the page shows. */
    private static void assertBucketsMatchTheRequestLog(Map<String, Object> activity, List<Number> shown) {
        List<Number> time = listOf(activity.get("time"));
        long bucket = ((Number) activity.get("bucketSeconds")).longValue();
        long[] expected = new long[time.size()];
        for (ObjectNode line : fileLines(session.requestLog())) {
            if (!line.path("service").asText().equals(echo().knativeService())) {
                continue;
            }
            long at = Instant.parse(line.path("timestamp").asText()).getEpochSecond();
            int i = (int) Math.floorDiv(at - time.get(0).longValue(), bucket);
            if (i >= 0 && i < expected.length) {
                expected[i]++;
            }
        }
        assertEquals(Arrays.stream(expected).boxed().toList(), shown.stream().map(Number::longValue).toList());
    }

    private static void assertHistogramMatches(Map<String, Object> summary, List<ObjectNode> lines) {
        List<Number> time = listOf(summary.get("time"));
        long bucket = ((Number) summary.get("bucketSeconds")).longValue();
        Instant from = Instant.parse((String) summary.get("from"));
        Instant to = Instant.parse((String) summary.get("to"));
        long[] expected = new long[time.size()];
        for (ObjectNode line : lines) {
            Instant at = Instant.parse(line.path("timestamp").asText());
            if (!at.isBefore(from) && at.isBefore(to)) {
                expected[(int) Math.floorDiv(at.getEpochSecond() - time.get(0).longValue(), bucket)]++;
            }
        }
        List<Long> drawn = chartSeries("logsPage.chart", 1).stream().map(Number::longValue).toList();
        assertEquals(Arrays.stream(expected).boxed().toList(), drawn);
        assertTrue(drawn.stream().mapToLong(Long::longValue).sum() > 0, "the histogram shows lines");
    }

    @SuppressWarnings("unchecked")
    private static List<Number> listOf(Object value) {
        return (List<Number>) value;
    }

    private static List<ObjectNode> fileLines(Path file) {
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            List<ObjectNode> lines = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("{")) {
                    lines.add((ObjectNode) JSON.readTree(line));
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path target = SCREENSHOTS.resolve(name);
        Files.copy(file.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    /** Debian's Chromium and ChromeDriver (bin/test installs them), never a downloaded browser. */
    static final class Browser {
        private Browser() {
        }

        static WebDriver start(Path profile) {
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
            ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium");
            // Background networking flags: this machine's network is closed, and Chromium would keep trying.
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,800",
                    "--user-data-dir=" + profile);
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            return new ChromeDriver(service, options);
        }

        /**
         * Opens the URL, again when Chromium aborted the load with ERR_NETWORK_CHANGED: the other tests on this machine
         * create and remove Docker networks, and Chromium drops navigations when interfaces change.
         */
        static void open(WebDriver browser, String url) {
            for (int attempt = 1; ; attempt++) {
                browser.get(url);
                if (attempt == 5 || !browser.getPageSource().contains("ERR_NETWORK_CHANGED")) {
                    return;
                }
            }
        }
    }
}
