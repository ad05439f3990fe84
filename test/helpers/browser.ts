import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';

export const phoneViewport = { width: 390, height: 844 };

/** Debian's Chromium, headless, with everything that would phone home or update turned off. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** A fresh phone-sized, touch-enabled context (its own cookies) on `baseURL`. */
export function newPhoneContext(
  browser: Browser,
  baseURL: string,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    viewport: phoneViewport,
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 1,
    ...options,
  });
}
