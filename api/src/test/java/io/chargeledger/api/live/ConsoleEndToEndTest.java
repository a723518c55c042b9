package io.chargeledger.api.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeledger.api.support.ApiIntegrationTest;
import io.chargeledger.api.support.OcppTestClient;
import io.chargeledger.api.support.TestChargers;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console end to end, in a real headless Chromium (Debian's chromium and chromium-driver; the test fails,
 * never skips, when they are missing): sign in, register a charger through the form, watch it come online when a
 * test charge point connects, start a remote session, watch it start, stop it, and open its event history.
 */
class ConsoleEndToEndTest extends ApiIntegrationTest {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final Duration WAIT = Duration.ofSeconds(15);

    private WebDriver browser;
    private WebDriverWait wait;
    private Path profile;

    @BeforeEach
    void startBrowser() throws Exception {
        assertThat(new File(CHROMIUM)).as("chromium must be installed (apt-get install chromium chromium-driver)")
                .canRead();
        assertThat(new File(CHROMEDRIVER).canExecute()).as("chromium-driver must be installed at " + CHROMEDRIVER).isTrue();
        profile = Files.createTempDirectory("console-e2e-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,1000", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        // the console re-renders parts of the page on every live update, so an element found a moment ago may be gone
        wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterEach
    void stopBrowser() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var paths = Files.walk(profile)) {
                paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void anAdminRegistersAChargerWatchesItComeOnlineAndRunsARemoteSession() throws Exception {
        String chargePointId = TestChargers.uniqueId("UI");
        String key = "console-key-" + UUID.randomUUID().toString().substring(0, 12);
        String idTag = ("UI" + UUID.randomUUID().toString().replace("-", "")).substring(0, 14).toUpperCase();
        assertThat(admin().post("/api/id-tags", Map.of("idTag", idTag)).status()).isEqualTo(201);

        // sign in
        browser.get("http://127.0.0.1:" + port + "/");
        type(By.id("login-username"), "admin");
        type(By.id("login-password"), ADMIN_PASSWORD);
        click(By.id("login-submit"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chargers-table")));
        wait.until(ExpectedConditions.textToBe(By.id("live-status"), "live"));

        // a server-side validation error is shown with its field
        click(By.id("register-charger"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("charger-form")));
        assertThat(value(By.id("cf-chargePointId"))).as("a suggested id").isNotBlank();
        type(By.id("cf-vendor"), "Siemens");
        type(By.id("cf-serialNumber"), chargePointId);
        assertThat(value(By.id("cf-chargePointId"))).isEqualTo(chargePointId.toUpperCase());
        type(By.id("cf-chargePointId"), chargePointId);
        click(By.id("charger-save"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-error-for=model]")));
        assertThat(textOf(By.id("message"))).contains("model");

        // register through the form
        type(By.id("cf-model"), "VersiCharge");
        type(By.id("cf-ratedVolts"), "230");
        type(By.id("cf-ratedAmps"), "32");
        type(By.id("cf-connectorCount"), "1");
        type(By.id("cf-location-name"), "Plant 1");
        type(By.id("cf-pricing-pricePerKwh"), "0.30");
        type(By.id("cf-pricing-currency"), "EUR");
        type(By.id("cf-authorizationKey"), key);
        click(By.id("charger-save"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("charger-title"), chargePointId));
        wait.until(driver -> "offline".equals(statusOf("charger-title")));

        try (OcppTestClient charger = connectBooted(chargePointId, key)) {
            // the page updates itself from /ws/updates: no reload
            wait.until(driver -> "online".equals(statusOf("charger-title")));
            charger.callOk("StatusNotification", Map.of("connectorId", 1, "errorCode", "NoError",
                    "status", "Available"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("charger-connectors"), "Available"));

            // remote start from the console; the charge point accepts and starts
            type(By.id("start-idtag"), idTag);
            type(By.id("start-connector"), "1");
            click(By.id("start-session"));
            JsonNode remoteStart = charger.expectCall("RemoteStartTransaction");
            assertThat(remoteStart.get(3).path("idTag").asText()).isEqualTo(idTag);
            charger.reply(remoteStart, Map.of("status", "Accepted"));
            Instant started = Instant.now().minusSeconds(60);
            int transactionId = charger.callOk("StartTransaction", Map.of("connectorId", 1, "idTag", idTag,
                    "meterStart", 1000, "timestamp", started.toString())).path("transactionId").asInt();
            wait.until(ExpectedConditions.textToBe(By.id("session-status"), "ACTIVE"));
            String sessionId = textOf(By.id("session-id"));

            charger.callOk("MeterValues", Map.of("connectorId", 1, "transactionId", transactionId,
                    "meterValue", List.of(sample(started.plusSeconds(20), 1600, 7200),
                            sample(started.plusSeconds(40), 2300, 7400))));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=meter-chart] polyline")));

            // remote stop; the charge point stops
            click(By.id("stop-session"));
            JsonNode remoteStop = charger.expectCall("RemoteStopTransaction");
            assertThat(remoteStop.get(3).path("transactionId").asInt()).isEqualTo(transactionId);
            charger.reply(remoteStop, Map.of("status", "Accepted"));
            charger.callOk("StopTransaction", Map.of("transactionId", transactionId, "meterStop", 3000,
                    "timestamp", Instant.now().toString(), "reason", "Remote"));
            wait.until(ExpectedConditions.textToBe(By.id("session-status"), "STOPPED"));
            screenshot("console-session.png");

            // the session's audit timeline
            click(By.id("session-audit"));
            wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#audit-timeline li[data-event-type=SessionStopped]")));
            List<String> types = wait.until(driver -> driver
                    .findElements(By.cssSelector("#audit-timeline li[data-event-type]")).stream()
                    .map(element -> element.getAttribute("data-event-type")).toList());
            assertThat(types).contains("RemoteStartRequested", "SessionStarted", "SessionStopped");
            assertThat(textOf(By.id("audit-timeline"))).contains(sessionId);
            screenshot("console-audit.png");
        }
    }

    private static Map<String, Object> sample(Instant at, int wh, int watts) {
        return Map.of("timestamp", at.toString(), "sampledValue", List.of(
                Map.of("value", String.valueOf(wh), "measurand", "Energy.Active.Import.Register", "unit", "Wh"),
                Map.of("value", String.valueOf(watts), "measurand", "Power.Active.Import", "unit", "W")));
    }

    private String statusOf(String containerId) {
        return browser.findElement(By.id(containerId)).findElement(By.cssSelector("[data-testid=charger-status]"))
                .getText();
    }

    /** The element's text once it has some; retried while a live update replaces the element. */
    private String textOf(By locator) {
        return wait.until(driver -> {
            String text = driver.findElement(locator).getText();
            return text.isBlank() ? null : text;
        });
    }

    private void type(By locator, String text) {
        WebElement input = wait.until(ExpectedConditions.elementToBeClickable(locator));
        input.clear();
        input.sendKeys(text);
    }

    private void click(By locator) {
        wait.until(ExpectedConditions.elementToBeClickable(locator)).click();
    }

    private String value(By locator) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(locator)).getDomProperty("value");
    }

    private void screenshot(String name) throws Exception {
        File shot = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }
}
