// The browser's date and time formatting (Intl) loads its locale data the first time it is used:
// about 50 ms on a laptop, four times that on a phone. Used here, by a small script that runs
// while the app's own scripts are still downloading, that cost leaves the first render of the
// statistics (whose lap times are the first Intl use) and the time a spectator waits (issue 14).
// A file, not an inline script: the Content-Security-Policy allows no inline script.
new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(0)
