// The first-run page (welcome.html), opened once when LureWatch is installed: what it looks for, what it never
// does, the three settings people change first, and an example of the banner. Its words come from _locales like the
// popup's; its settings controls save through the same path as the popup's (settings/client.ts: a settings-change
// message to the background, which writes storage); the example is drawn by the banner's own code (example.ts).
import { SENSITIVITIES, type Sensitivity } from '../core/severity.js';
import type { Platform } from '../platform/types.js';
import { SettingsClient } from '../settings/client.js';
import { localizeDocument, textsFor } from '../popup/language.js';
import type { MessageKey } from '../popup/message-keys.js';
import { EXAMPLE_MESSAGE, Example } from './example.js';

export interface WelcomeOptions {
  /** Test build: the example banner's shadow root is open, as on pages. */
  openShadow?: boolean;
}

export interface WelcomeHandle {
  stop(): void;
}

const HINTS: Record<Sensitivity, MessageKey> = {
  low: 'popupSensitivityHintLow',
  medium: 'popupSensitivityHintMedium',
  high: 'popupSensitivityHintHigh',
};

interface WelcomeElements {
  picture: HTMLImageElement;
  sensitivity: HTMLSelectElement;
  sensitivityHint: HTMLElement;
  scope: HTMLSelectElement;
  hints: HTMLInputElement;
  saveError: HTMLElement;
  exampleToggle: HTMLButtonElement;
  examplePage: HTMLElement;
  exampleMessage: HTMLElement;
  exampleStatus: HTMLElement;
}

function findElements(doc: Document): WelcomeElements {
  const need = <T extends HTMLElement>(id: string, tag?: string): T => {
    const element = doc.getElementById(id);
    if (!element || (tag && element.tagName !== tag)) throw new Error(`welcome.html lacks <${tag?.toLowerCase() ?? 'element'} id="${id}">`);
    return element as T;
  };
  return {
    picture: need('picture', 'IMG'),
    sensitivity: need('sensitivity', 'SELECT'),
    sensitivityHint: need('sensitivity-hint'),
    scope: need('scope', 'SELECT'),
    hints: need('hints', 'INPUT'),
    saveError: need('save-error'),
    exampleToggle: need('example-toggle', 'BUTTON'),
    examplePage: need('example-page'),
    exampleMessage: need('example-message'),
    exampleStatus: need('example-status'),
  };
}

export async function startWelcome(platform: Platform, doc: Document, options: WelcomeOptions = {}): Promise<WelcomeHandle> {
  const texts = textsFor(platform);
  localizeDocument(doc, texts);
  const ui = findElements(doc);
  ui.picture.alt = texts.t('welcomePictureAlt');
  ui.exampleMessage.textContent = EXAMPLE_MESSAGE[texts.lang];

  const client = await SettingsClient.open(platform, () => render());
  const render = (): void => {
    const settings = client.settings;
    ui.sensitivity.value = settings.sensitivity;
    ui.sensitivityHint.textContent = texts.t(HINTS[settings.sensitivity]);
    ui.scope.value = settings.scope;
    ui.hints.checked = settings.hints;
    ui.saveError.hidden = !client.saveFailed;
    ui.saveError.textContent = client.saveFailed ? texts.t('popupSaveFailed') : '';
  };

  ui.sensitivity.addEventListener('change', () => {
    const sensitivity = SENSITIVITIES.find((value) => value === ui.sensitivity.value);
    if (sensitivity) client.change({ kind: 'set', values: { sensitivity } });
  });
  ui.scope.addEventListener('change', () => {
    const scope = ui.scope.value === 'all' || ui.scope.value === 'categories' ? ui.scope.value : null;
    if (scope) client.change({ kind: 'set', values: { scope } });
  });
  ui.hints.addEventListener('change', () => client.change({ kind: 'set', values: { hints: ui.hints.checked } }));

  const example = new Example({
    doc,
    openShadow: options.openShadow ?? false,
    lang: texts.lang,
    message: ui.exampleMessage,
    position: () => client.settings.position,
    channel: () => client.settings.reportChannel,
    say: (kind) => {
      ui.exampleStatus.textContent =
        kind === 'dismissed' ? texts.t('welcomeExampleDismissed') : kind === 'not-on-site' ? texts.t('welcomeExampleNotOnSite') : '';
    },
    closed: () => {
      showToggle(false);
      ui.exampleToggle.focus();
    },
    settings: () => {
      ui.sensitivity.scrollIntoView({ block: 'center' });
      ui.sensitivity.focus();
    },
  });
  const showToggle = (shown: boolean): void => {
    ui.exampleToggle.textContent = texts.t(shown ? 'welcomeExampleHide' : 'welcomeExampleButton');
    ui.exampleToggle.setAttribute('aria-expanded', String(shown));
    ui.examplePage.hidden = !shown;
  };
  ui.exampleToggle.setAttribute('aria-controls', ui.examplePage.id);
  ui.exampleToggle.addEventListener('click', () => {
    if (example.shown) {
      example.hide();
      showToggle(false);
    } else {
      showToggle(true);
      example.show();
    }
  });
  showToggle(false);
  render();
  return {
    stop: () => {
      example.hide();
      client.stop();
    },
  };
}
