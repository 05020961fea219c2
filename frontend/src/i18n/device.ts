// The device the app runs on: full screen, and a new version of the app.
export default {
  en: {
    fullscreen: {
      enter: 'Full screen',
      exit: 'Exit full screen',
    },
    update: {
      ready: 'A new version of the app is ready.',
      reload: 'Reload now',
    },
  },
  nl: {
    fullscreen: {
      enter: 'Volledig scherm',
      exit: 'Volledig scherm verlaten',
    },
    update: {
      ready: 'Er is een nieuwe versie van de app.',
      reload: 'Nu herladen',
    },
  },
}
