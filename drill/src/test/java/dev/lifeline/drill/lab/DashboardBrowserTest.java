package dev.lifeline.drill.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifeline.drill.lab.phone.PhoneCall;
import dev.lifeline.drill.lab.provider.ProviderObservation;
import dev.lifeline.gateway.config.SiteConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The dashboard in a real browser: Debian's chromium, headless, driven through chromedriver,
 * against the gateway of the lab built from examples/site.yaml. The page loads, refuses a wrong
 * token, signs in with the gateway's, shows both paths and a live call with its MOS; then the
 * lab blackholes wan1 and the page must show wan1 down and wan2 active within 3 s. Screenshots
 * (laptop and phone width) are kept in {@code target/} as test artifacts.
 */
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path work;

    @TempDir
    Path profile;

    @Test
    void thePageShowsThePathsAndAFailoverWithinThreeSeconds() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium or chromedriver is not installed (apt-get install chromium chromium-driver); the browser test"
                        + " needs both");
        try (Lab lab = Lab.start(SiteConfigLoader.load(Path.of("../examples/site.yaml")), work, line -> { })) {
            assertThat(lab.registerPhones(WAIT)).isEqualTo(10);
            await().atMost(WAIT).until(() -> registeredFrom(lab, "wan1", Instant.EPOCH));
            String token = Files.readString(lab.gateway().adminTokenFile().orElseThrow()).strip();
            PhoneCall call = lab.phone("1001").orElseThrow().call("915550123", lab.gatewaySip());
            assertThat(call.answered().toCompletableFuture().get(10, TimeUnit.SECONDS)).isTrue();

            WebDriver browser = browser();
            try {
                browser.manage().window().setSize(new Dimension(1280, 2200));
                browser.get(lab.gateway().adminUri().resolve("/").toString());

                // A wrong token: the API answers 401 and the page says so.
                signIn(browser, "not-the-token-" + "x".repeat(20));
                await("the page says the token was refused").atMost(Duration.ofSeconds(5))
                        .until(() -> text(browser, By.id("login-msg")).contains("401"));

                signIn(browser, token);
                await("the page's stream is live").atMost(Duration.ofSeconds(30))
                        .until(() -> text(browser, By.id("conn")).equals("live"));
                assertThat(browser.findElements(By.cssSelector("[data-path='wan2']"))).hasSize(1);
                await("the page shows wan1 active").atMost(Duration.ofSeconds(30))
                        .until(() -> text(browser, By.id("active-path")).equals("wan1"));
                await("the page lists the call").atMost(Duration.ofSeconds(30))
                        .until(() -> !browser.findElements(By.cssSelector("tr[data-call] td")).isEmpty());
                assertThat(text(browser, By.cssSelector("[data-path='wan1']"))).contains("wan1", "Loss", "RTT", "Jitter",
                        "active").containsPattern("up|recovering");
                // The relay reports a call's quality every few seconds: wait for the first report on the page.
                await("the page shows the call's MOS").atMost(Duration.ofSeconds(30))
                        .until(() -> text(browser, By.cssSelector("tr[data-call]"))
                        .matches("(?s).*\\b[1-4]\\.\\d\\d\\b.*"));
                // The lab's LAN and WAN are clean: the gateway names no leg as losing packets.
                assertThat(text(browser, By.cssSelector("tr[data-call] td.leg"))).isEqualTo("no leg");
                assertThat(attribute(browser, By.cssSelector("tr[data-call] td.leg"), "title")).contains("LAN from phone 1001");

                Instant cut = lab.wan("wan1").blackhole(true);
                await("the page shows wan1 down and wan2 active").atMost(Duration.ofSeconds(5))
                        .pollInterval(Duration.ofMillis(50)).until(() ->
                        "down".equals(attribute(browser, By.cssSelector("[data-path='wan1']"), "data-state"))
                                && text(browser, By.id("active-path")).equals("wan2"));
                Duration shown = Duration.between(cut, Instant.now());
                System.out.printf("dashboard: wan1 down / wan2 active on the page %d ms after the lab blackholed wan1"
                        + " (observed by the test's browser)%n", shown.toMillis());
                assertThat(shown).isLessThanOrEqualTo(Duration.ofSeconds(3));
                await("the timeline marks the failover").atMost(Duration.ofSeconds(3)).until(() ->
                        !browser.findElements(By.cssSelector("#timeline li.failover")).isEmpty());
                assertThat(text(browser, By.cssSelector("#timeline li.failover"))).contains("wan1", "wan2");

                Thread.sleep(1200);   // one more snapshot, so the screenshot shows the settled state
                screenshot(browser, Path.of("target/dashboard.png"));
                browser.manage().window().setSize(new Dimension(412, 1800));
                Thread.sleep(300);
                screenshot(browser, Path.of("target/dashboard-phone.png"));
            } catch (Exception | AssertionError e) {
                screenshot(browser, Path.of("target/dashboard-failed.png"));   // what the page showed instead
                throw e;
            } finally {
                browser.quit();
                call.hangUp();
            }
        }
    }

    private WebDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static void signIn(WebDriver browser, String token) {
        WebElement field = browser.findElement(By.id("token"));
        field.clear();
        field.sendKeys(token);
        browser.findElement(By.id("signin")).click();
    }

    /** The element's text; the page redraws its tiles every second, so an element found may be gone when read. */
    private static String text(WebDriver browser, By by) {
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                return browser.findElements(by).stream().findFirst().map(WebElement::getText).orElse("");
            } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
                // found again on the next attempt
            }
        }
        return "";
    }

    private static String attribute(WebDriver browser, By by, String name) {
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                return browser.findElements(by).stream().findFirst().map(e -> e.getDomAttribute(name)).orElse("");
            } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
                // found again on the next attempt
            }
        }
        return "";
    }

    private static void screenshot(WebDriver browser, Path to) throws java.io.IOException {
        Path shot = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(to.getParent());
        Files.copy(shot, to, StandardCopyOption.REPLACE_EXISTING);
    }

    private static boolean registeredFrom(Lab lab, String path, Instant after) {
        return lab.provider().observations(ProviderObservation.RegisterAccepted.class).stream()
                .anyMatch(r -> r.source().getAddress().equals(lab.wan(path).publicAddress()) && r.at().isAfter(after));
    }
}
