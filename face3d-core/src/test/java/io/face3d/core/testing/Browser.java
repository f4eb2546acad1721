package io.face3d.core.testing;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Debian's chromium driven headless by its chromedriver, with a fresh profile (the flags a root user in a container
 * needs, and none that reach the network by themselves). For the browser tests of the web app and the report; a
 * module using it declares selenium-java as a test dependency.
 */
public final class Browser {
    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String DRIVER = "/usr/bin/chromedriver";

    private Browser() {
    }

    public static boolean available() {
        return Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(DRIVER));
    }

    public static WebDriver start(Path profile) {
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM);
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--enable-unsafe-swiftshader", "--use-angle=swiftshader",
            "--window-size=1200,1000", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService s = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
            .usingAnyFreePort().withSilent(true).build();
        return new ChromeDriver(s, o);
    }

    /** A full-window PNG screenshot. */
    public static void screenshot(WebDriver d, Path file) throws IOException {
        Files.write(file, ((TakesScreenshot) d).getScreenshotAs(OutputType.BYTES));
    }
}
