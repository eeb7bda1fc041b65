package dev.devserver.it;

import dev.devserver.api.ApiServer;
import dev.devserver.observe.metrics.MetricsView;
import dev.devserver.serving.FunctionView;
import dev.devserver.session.Session;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dev UI in a real browser (Debian's headless Chromium driven by Selenium) against a real `up` of the sample
 * project: Functions page, function page, Invoke panel, escaping of hostile function output, no CSP violations.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DevUiIT {
    private static final Path SCREENSHOTS = Engine.CHECKOUT.resolve("target/screenshots");
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
        browser.get("http://localhost:" + session.port() + "/");
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
        text("#revisions tbody", "functions-echo-js-00001");
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

    @Test
    @Order(5)
    void logsPageHasTheQueryBoxAndLiveTail() {
        browser.findElement(By.id("nav-logs")).click();
        wait.until(d -> !d.findElements(By.id("log-query")).isEmpty());
        assertTrue(browser.findElement(By.id("log-tail")).isDisplayed());
    }

    @Test
    @Order(6)
    void theStrictCspIsNeverViolated() {
        List<LogEntry> refused = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getMessage().contains("Content Security Policy") || e.getMessage().contains("Refused to"))
                .toList();
        assertEquals(List.of(), refused.stream().map(LogEntry::getMessage).toList());
    }

    /** `up` has no metrics wired yet: a second API on the same session with a known series shows the chart draws. */
    @Test
    @Order(7)
    void invocationsChartDrawsWithTheBundledUplot() throws Exception {
        Vertx vertx = Sessions.VERTX;
        HttpServer server = vertx.createHttpServer();
        ApiServer[] api = new ApiServer[1];
        server.requestHandler(request -> api[0].handle(request));
        int port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get().actualPort();
        api[0] = new ApiServer(vertx, session::project, session.serving()::views, "127.0.0.1", port, null, new MetricsView() {
            @Override
            public String scrape() {
                return "";
            }

            @Override
            public List<Point> invocationsPerMinute(String function, int minutes) {
                Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
                return IntStream.range(0, minutes).mapToObj(i -> new Point(now.minus(minutes - 1 - i, ChronoUnit.MINUTES), i % 7)).toList();
            }
        });
        try {
            browser.get("http://localhost:" + port + "/#/functions/echo-js");
            wait.until(d -> !d.findElements(By.cssSelector("#chart .uplot canvas")).isEmpty());
            text("#chart-note", "invocations / minute");
            screenshot("function-chart.png");
            theStrictCspIsNeverViolated();
        } finally {
            api[0].close();
            server.close();
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
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,900",
                    "--user-data-dir=" + profile);
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            return new ChromeDriver(service, options);
        }
    }
}
