/**
 * How Chromium is started for the browser tests, by the test command (one for the whole run) and by a
 * test file run on its own. Debian's Chromium needs these flags here (STACK-NOTES.md): no sandbox as
 * root, no GPU, and nothing that reaches out to the network by itself.
 */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
