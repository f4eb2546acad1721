package io.face3d.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.face3d.core.testing.Browser;
import io.face3d.core.testing.RequiredAssets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A clinician's day in a real browser: sign in, add a patient, take a visit's photos by upload, wait for the report,
 * read the scores, turn the 3D face, compare two visits, sign out; a clinician of another clinic sees nothing of
 * it, in the pages or through the API. Screenshots of each page go to {@link Fixtures#screenshotDir()}.
 */
class BrowserEndToEndTest {
    @TempDir
    static Path tmp;
    static FaceServer server;
    static WebDriver browser;
    static Path shots;

    @BeforeAll
    static void start() throws Exception {
        RequiredAssets.require(Browser.available(), "chromium (apt-get install chromium chromium-driver)");
        server = Fixtures.start(Fixtures.config(tmp.resolve("data")));
        browser = Browser.start(tmp.resolve("profile"));
        shots = Fixtures.screenshotDir();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    private WebDriverWait await(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    private void signIn(String user) {
        browser.get(server.url() + "/login.html");
        await(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(Fixtures.PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        await(10).until(ExpectedConditions.urlContains("/patients.html"));
        await(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("logout")));
    }

    private void signOut() {
        browser.findElement(By.id("logout")).click();
        await(10).until(ExpectedConditions.urlContains("/login.html"));
    }

    private void uploadAll(Map<Posture, byte[]> photos) throws Exception {
        for (Map.Entry<Posture, byte[]> e : photos.entrySet()) {
            Path f = tmp.resolve(e.getKey().key() + "-" + System.nanoTime() + ".png");
            Files.write(f, e.getValue());
            browser.findElement(By.id("file-" + e.getKey().key())).sendKeys(f.toString());
            await(60).until(ExpectedConditions.textMatches(By.cssSelector("#posture-" + e.getKey().key() + " .result"),
                java.util.regex.Pattern.compile("Photo accepted|Please retake")));
        }
    }

    @Test
    void clinicianRunsAVisitAndAnotherClinicSeesNothing() throws Exception {
        browser.get(server.url() + "/login.html");
        await(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        Browser.screenshot(browser, shots.resolve("login.png"));
        signIn("north-doc");

        browser.findElement(By.id("code")).sendKeys("P-0042");
        browser.findElement(By.id("name")).sendKeys("Alex Example");
        browser.findElement(By.id("birth_year")).sendKeys("1968");
        browser.findElement(By.id("create-patient")).click();
        await(10).until(ExpectedConditions.urlContains("/patient.html?id="));
        String patientId = browser.getCurrentUrl().replaceAll(".*id=", "");

        browser.findElement(By.id("date")).clear();
        ((JavascriptExecutor) browser).executeScript("document.getElementById('date').value='2026-11-02'");
        browser.findElement(By.id("create-visit")).click();
        await(10).until(ExpectedConditions.urlContains("/visit-new.html?id="));
        await(30).until(ExpectedConditions.visibilityOfElementLocated(By.id("posture-rest")));
        Map<Posture, byte[]> photos = Fixtures.photos(11, 320, Posture.REST, Posture.SMILE, Posture.BROW,
            Posture.EYES_CLOSED);
        uploadAll(photos);
        String restCheck = browser.findElement(By.cssSelector("#posture-rest .result")).getText();
        assertTrue(restCheck.contains("Face found"), restCheck);
        Browser.screenshot(browser, shots.resolve("new-visit.png"));

        browser.findElement(By.id("submit-visit")).click();
        await(10).until(ExpectedConditions.urlContains("/visit.html?id="));
        String visitId = browser.getCurrentUrl().replaceAll(".*id=", "");
        await(120).until(ExpectedConditions.visibilityOfElementLocated(By.id("scores")));
        String scores = browser.findElement(By.id("scores")).getText();
        assertTrue(scores.contains("Static") && scores.contains("Dynamic"), scores);
        assertFalse(browser.findElements(By.cssSelector("#measures tbody tr")).isEmpty(), "measures listed");
        Browser.screenshot(browser, shots.resolve("report.png"));

        browser.findElements(By.className("viewer-link")).get(0).click();
        await(30).until(ExpectedConditions.presenceOfElementLocated(By.id("viewer")));
        await(60).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
            "const v = document.getElementById('viewer'); return !!(v && v.loaded);")));
        Thread.sleep(1500); // the first frames after load fade the model in
        WebElement viewer = browser.findElement(By.id("viewer"));
        BufferedImage canvas = ImageIO.read(new ByteArrayInputStream(viewer.getScreenshotAs(OutputType.BYTES)));
        assertTrue(distinctColours(canvas) > 50, "the 3D viewer shows a face (distinct colours: "
            + distinctColours(canvas) + ")");
        Browser.screenshot(browser, shots.resolve("viewer.png"));

        // a second visit through the API (same session), then the comparison page
        Api api = apiOf(browser);
        String second = api.createVisit(patientId, "2026-12-01");
        for (Map.Entry<Posture, byte[]> e : Fixtures.photos(11, 320, Posture.REST, Posture.SMILE).entrySet()) {
            assertEquals(201, api.upload(second, e.getKey().key(), e.getValue()).statusCode());
        }
        api.json("POST", "/api/visits/" + second + "/submit", null);
        assertEquals("done", api.awaitVisit(second, 120).get("status").asText());
        browser.get(server.url() + "/progress.html?id=" + patientId);
        await(20).until(ExpectedConditions.visibilityOfElementLocated(By.id("comparison")));
        String cmp = browser.findElement(By.id("comparison")).getText();
        assertTrue(cmp.contains("2026-11-02") && cmp.contains("2026-12-01") && cmp.contains("static"), cmp);
        assertFalse(browser.findElements(By.cssSelector("svg.plot circle")).isEmpty(), "plotted points");
        Browser.screenshot(browser, shots.resolve("progress.png"));

        browser.get(server.url() + "/patient.html?id=" + patientId);
        await(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("visits")));
        Browser.screenshot(browser, shots.resolve("patient.png"));
        browser.get(server.url() + "/patients.html");
        await(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("patient-list"), "P-0042"));
        Browser.screenshot(browser, shots.resolve("patients.png"));
        signOut();
        browser.get(server.url() + "/patients.html");
        await(10).until(ExpectedConditions.urlContains("/login.html"));

        // another clinic: not in its list, its page and the API answer "not found"
        signIn("south-doc");
        await(10).until(ExpectedConditions.presenceOfElementLocated(By.id("patient-list")));
        assertFalse(browser.findElement(By.id("patient-list")).getText().contains("P-0042"));
        browser.get(server.url() + "/visit.html?id=" + visitId);
        await(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "not found"));
        Api south = Api.signedIn(server.url(), "south-doc");
        for (String path : List.of("/api/patients/" + patientId, "/api/visits/" + visitId,
            "/api/visits/" + visitId + "/files/rest/glb", "/api/visits/" + visitId + "/photos/rest",
            "/api/visits/" + visitId + "/report.pdf", "/api/patients/" + patientId + "/scores.csv")) {
            assertEquals(404, south.send("GET", path, null).statusCode(), path);
        }
        assertEquals(404, south.upload(visitId, "rest", photos.get(Posture.REST)).statusCode());
        signOut();
    }

    /** The browser's session cookie reused by a plain HTTP client (the API the pages use). */
    private static Api apiOf(WebDriver d) throws Exception {
        Api a = new Api(server.url());
        String token = d.manage().getCookieNamed(WebApp.COOKIE).getValue();
        a.http.cookieHandler().orElseThrow().put(java.net.URI.create(server.url()),
            Map.of("Set-Cookie", List.of(WebApp.COOKIE + "=" + token + "; Path=/")));
        JsonNode me = a.json("GET", "/api/me", null);
        a.csrf = me.get("csrf").asText();
        return a;
    }

    private static int distinctColours(BufferedImage img) {
        java.util.Set<Integer> s = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 4) {
            for (int x = 0; x < img.getWidth(); x += 4) {
                s.add(img.getRGB(x, y) & 0xF0F0F0);
            }
        }
        return s.size();
    }
}
