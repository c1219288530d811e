package dev.slope.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The three pages in a real headless Chromium (Debian's chromium and chromium-driver; `.ci/run` installs them),
 * against a started server. Nothing is downloaded: Selenium is pointed at those binaries. A failing test saves a
 * screenshot under target/; with {@code -Dslope.screenshots=DIR} every test saves its page there (the README's).
 */
class BrowserTest {
    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File DRIVER = new File("/usr/bin/chromedriver");
    static WebServer server;
    static WebDriver driver;
    boolean passed;
    /** The page a test ends on: its screenshot's name. */
    String page = "page";

    @BeforeAll
    static void start() {
        dev.slope.References.require(CHROMIUM.canExecute() && DRIVER.canExecute(), "Chromium and ChromeDriver for the"
                + " browser tests", "chromium chromium-driver");
        server = Servers.start(2);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1500,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void screenshot(TestInfo info) throws Exception {
        String dir = System.getProperty("slope.screenshots");
        String name = dir != null ? page : info.getTestMethod().orElseThrow().getName();
        if (!passed || dir != null) {
            Path to = Path.of(dir != null ? dir : "target").resolve((passed ? "" : "failed-") + name + ".png");
            Files.createDirectories(to.getParent());
            ((ChromeDriver) driver).executeScript("window.scrollTo(0, 0)");
            Files.write(to, ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES));
        }
    }

    static String url(String page) {
        return "http://127.0.0.1:" + server.port() + page;
    }

    /** A wait that looks again when the page replaced the element it was reading (it re-renders on every answer). */
    static WebDriverWait waiting(int seconds) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(seconds));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    /** The number an element shows. */
    static double number(String id) {
        return Double.parseDouble(text(id).replace("%", ""));
    }

    /** The text an element shows, read again if the page replaced the element meanwhile. */
    static String text(String id) {
        for (int attempt = 1; ; attempt++) {
            try {
                return driver.findElement(By.id(id)).getText();
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }

    static void noConsoleErrors() {
        List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertTrue(errors.isEmpty(), "browser console errors: " + errors);
    }

    @Test
    void thePlaygroundLearnsSwitchesLossesAndTakesNewPoints() {
        page = "playground";
        driver.get(url("/"));
        waiting(10).until(d -> !d.findElements(By.id("totalLoss")).isEmpty());
        double before = number("totalLoss");
        assertTrue(before > 0, "the lecture's start has a positive loss");
        String table = text("points");
        driver.findElement(By.id("update")).click();
        waiting(10).until(d -> number("totalLoss") != before);
        assertTrue(number("totalLoss") < before, "one update lowers the total loss: " + before + " -> " + number("totalLoss"));
        assertTrue(!table.equals(text("points")), "the table changed");

        // a typed number and a ▲ land in the page's W (the state the next step starts from), after an update too
        // (typed as a hand would, but in one step: clear() alone fires a change and the table is redrawn under it)
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("const i = document.querySelector('#params"
                + " input'); i.value = '1.5'; i.dispatchEvent(new Event('change'));");
        waiting(10).until(d -> "1.50".equals(d.findElement(By.cssSelector("#params input")).getAttribute("value")));
        driver.findElements(By.cssSelector("#params button")).get(0).click();
        waiting(10).until(d -> "1.60".equals(d.findElement(By.cssSelector("#params input")).getAttribute("value")));

        double svmData = number("dataLoss");
        new Select(driver.findElement(By.id("loss"))).selectByValue("softmax");
        waiting(10).until(d -> number("dataLoss") != svmData);

        int rows = driver.findElements(By.cssSelector("#points tr")).size();
        WebElement plane = driver.findElement(By.id("plane"));
        // the top-left corner of the plane holds no point
        new Actions(driver).moveToElement(plane, -plane.getSize().width / 2 + 20, -plane.getSize().height / 2 + 20).click()
                .perform();
        waiting(10).until(d -> d.findElements(By.cssSelector("#points tr")).size() == rows + 1);

        driver.findElement(By.id("numerical")).click();
        waiting(10).until(d -> d.findElement(By.id("params")).getText().contains("rel.err"));
        List<Number> losses = chartSeries("loss", "history", 1);
        assertTrue(losses.size() >= 2, "the loss chart holds the start and each update: " + losses);
        assertTrue(!hover("history").equals("–"), "hovering shows a loss");
        noConsoleErrors();
        passed = true;
    }

    @Test
    void aDashboardRunGrowsSurvivesAReloadAndFinishes() {
        page = "dashboard";
        driver.get(url("/dashboard.html"));
        waiting(10).until(d -> d.findElement(By.id("dataName")).getText().toLowerCase(java.util.Locale.ROOT).contains("training images"));
        WebElement epochs = driver.findElement(By.id("epochs"));
        epochs.clear();
        epochs.sendKeys("40");
        WebElement batch = driver.findElement(By.id("batch_size"));
        batch.clear();
        batch.sendKeys("16");
        driver.findElement(By.id("start")).click();
        waiting(30).until(d -> epochsShown() >= 2);
        String id = text("runId");
        int seen = epochsShown();
        driver.navigate().refresh();
        waiting(10).until(d -> d.findElement(By.id("runId")).getText().equals(id));
        waiting(30).until(d -> epochsShown() > seen);
        waiting(120).until(d -> "finished".equals(d.findElement(By.id("status")).getAttribute("data-status")));
        assertEquals(40, epochsShown());
        assertEquals(40, chartSeries("loss", "lossChart", 1).size(), "the loss chart holds every epoch");
        List<Number> validation = chartSeries("accuracy", "accChart", 2);
        assertEquals(40, validation.size());
        double lowest = validation.stream().mapToDouble(Number::doubleValue).min().orElseThrow();
        double axisMin = ((Number) js("return window.slopeCharts.accuracy.scales.y.min")).doubleValue();
        assertTrue(axisMin > 0.2 && axisMin <= lowest, "the accuracy axis is zoomed to the curves: from " + axisMin
                + ", lowest " + lowest);
        String shown = hover("accChart");
        assertTrue(shown.endsWith("%"), "hovering shows an accuracy: " + shown);
        assertEquals(11, driver.findElements(By.cssSelector("#confusion tr")).size(), "a header and ten classes");
        assertTrue(driver.findElement(By.id("download")).isDisplayed());
        noConsoleErrors();
        passed = true;
    }

    /** A value the page computes, read from the browser. */
    static Object js(String script) {
        return ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(script);
    }

    /**
     * A uPlot chart of the page: its series {@code s} as the chart holds it (gaps dropped), after checking that it
     * draws two axes with tick labels and a legend.
     */
    @SuppressWarnings("unchecked")
    static List<Number> chartSeries(String chart, String container, int s) {
        assertTrue(driver.findElements(By.cssSelector("#" + container + " .u-axis")).size() >= 2, chart + " has axes");
        // uPlot draws the ticks on its canvas; the labels it drew are kept on each axis (_values)
        @SuppressWarnings("unchecked")
        List<String> ticks = (List<String>) js("return (window.slopeCharts['" + chart + "'].axes[1]._values || [])"
                + ".map(String)");
        assertTrue(ticks.size() >= 2 && ticks.stream().noneMatch(String::isBlank), chart + "'s y axis has tick labels: "
                + ticks);
        assertTrue(!driver.findElements(By.cssSelector("#" + container + " .u-legend")).isEmpty(), chart + " has a legend");
        return (List<Number>) js("return window.slopeCharts['" + chart + "'].data[" + s + "].filter(v => v !== null)");
    }

    /** Moves the mouse over a chart's middle; the legend's value for series 1 then shows the value there. */
    static String hover(String container) {
        WebElement over = driver.findElement(By.cssSelector("#" + container + " .u-over"));
        new Actions(driver).moveToElement(over).perform();
        return driver.findElements(By.cssSelector("#" + container + " .u-legend .u-series")).get(1)
                .findElement(By.cssSelector(".u-value")).getText();
    }

    static int epochsShown() {
        String e = driver.findElement(By.id("history")).getAttribute("data-epochs");
        return e == null ? 0 : Integer.parseInt(e);
    }

    @Test
    void thePredictPageClassifiesAChosenImageAndNamesABadOne() throws Exception {
        page = "predict";
        var created = Servers.post(server, "/api/runs", "{\"settings\": {\"epochs\": 2}}");
        String id = com.google.gson.JsonParser.parseString(created.body()).getAsJsonObject().get("id").getAsString();
        assertEquals("finished", Servers.awaitEnd(server, id));
        driver.get(url("/predict.html"));
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(d -> !d.findElements(By.cssSelector("#run option[value='" + id + "']")).isEmpty());
        new Select(driver.findElement(By.id("run"))).selectByValue(id);
        driver.findElement(By.id("images")).sendKeys(Path.of("../data/images/9-ankle-boot.png").toAbsolutePath().normalize()
                .toString());
        wait.until(d -> !d.findElements(By.cssSelector(".result .predicted")).isEmpty());
        assertEquals("9-ankle-boot.png: Ankle boot", driver.findElement(By.cssSelector(".result .predicted")).getText());
        List<WebElement> bars = driver.findElements(By.cssSelector(".result .bar"));
        assertEquals(10, bars.size());
        double sum = 0;
        for (WebElement bar : bars) {
            sum += Double.parseDouble(bar.getAttribute("data-value"));
        }
        assertEquals(1.0, sum, 1e-4, "the bars are the probabilities");
        assertEquals("Ankle boot", driver.findElement(By.cssSelector(".result .bar.best")).getAttribute("data-name"));
        WebElement map = driver.findElement(By.cssSelector(".result canvas.contributions"));
        assertEquals("28", map.getAttribute("width"), "one canvas pixel per image pixel");
        Path notAnImage = Files.createTempFile("slope-browser-", ".png");
        Files.writeString(notAnImage, "these are not pixels");
        driver.findElement(By.id("images")).sendKeys(notAnImage.toString());
        wait.until(d -> d.findElement(By.id("error")).getText().contains("the image"));
        Files.delete(notAnImage);
        // the browser logs the refused upload's 400; it is the only error, and is read here so no other test sees it
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                assertTrue(e.getMessage().contains("/api/predict?run=" + id) && e.getMessage().contains("400"),
                        e.getMessage());
            }
        }
        passed = true;
    }

    @Test
    void kNearestNeighboursAndThePolarTransform() {
        page = "features";
        driver.get(url("/features.html"));
        waiting(10).until(d -> "yes".equals(d.findElement(By.tagName("body")).getAttribute("data-knn-ready")));
        waiting(10).until(d -> "9".equals(d.findElement(By.tagName("body")).getAttribute("data-hog-cells")));
        List<Number> bins = chartSeries("histogram", "histogram", 1);
        assertEquals(16, bins.size(), "the histogram chart holds its 16 bins");
        assertEquals(1.0, bins.stream().mapToDouble(Number::doubleValue).sum(), 1e-3, "shares of the pixels");
        driver.findElement(By.id("train")).click();
        waiting(60).until(d -> !d.findElements(By.id("polarAccuracy")).isEmpty());
        double xy = number("xyAccuracy");
        double polar = number("polarAccuracy");
        assertEquals(100.0, polar, 0, "a line separates the rings in (r, θ)");
        assertTrue(xy < 90, "no line separates them in (x, y): " + xy + "%");
        // a picture over the server's limit is refused by the page before it is sent, the limit named
        try {
            java.nio.file.Path big = java.nio.file.Files.createTempFile("big", ".png");
            java.nio.file.Files.write(big, new byte[(int) WebServer.MAX_BODY + 1]);
            driver.findElement(By.id("upload")).sendKeys(big.toString());
            waiting(10).until(d -> d.findElement(By.id("imageError")).getText().contains("at most"));
            String said = driver.findElement(By.id("imageError")).getText();
            assertTrue(said.contains("(" + WebServer.MAX_BODY + " bytes)") && said.contains(big.getFileName().toString()),
                    said);
            java.nio.file.Files.delete(big);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        noConsoleErrors();
        passed = true;
    }
}
