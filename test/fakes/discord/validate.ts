// Discord's documented size limits, enforced so that e2e tests catch what would fail in
// production (a 3000-character lyric, a 26th select option, a broken cover URL, two buttons
// with one custom_id). Errors use Discord's shape: 400 / 50035 "Invalid Form Body" with an
// `errors` tree whose leaves are `{_errors:[{code, message}]}`.
import type { Json } from './types.ts';

export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: Json,
  ) {
    super(message);
  }

  body(): Json {
    return { message: this.message, code: this.code, ...(this.errors ? { errors: this.errors } : {}) };
  }
}

type Path = (string | number)[];

class FormErrors {
  private readonly tree: Json = {};
  private count = 0;

  add(path: Path, code: string, message: string): void {
    let node = this.tree;
    for (const key of path) {
      node[key] ??= {};
      node = node[key];
    }
    node._errors ??= [];
    node._errors.push({ code, message });
    this.count++;
  }

  maxLength(path: Path, value: unknown, max: number): void {
    if (typeof value === 'string' && [...value].length > max) {
      this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    }
  }

  requiredLength(path: Path, value: unknown, min: number, max: number): void {
    if (typeof value !== 'string' || [...value].length < min || [...value].length > max) {
      this.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
    }
  }

  url(path: Path, value: unknown): void {
    if (value === undefined || value === null) return;
    if (typeof value !== 'string' || !/^(https?|attachment):\/\/\S+$/.test(value)) {
      this.add(path, 'URL_TYPE_INVALID_URL', 'Not a well formed URL.');
    }
  }

  throwIfAny(): void {
    if (this.count > 0) throw new RestError(400, 50035, 'Invalid Form Body', this.tree);
  }
}

const IS_COMPONENTS_V2 = 1 << 15;

/**
 * Checks a message body. `allowEmpty` for edits (a partial body) and deferred replies;
 * `hasFiles` counts new uploads towards non-emptiness.
 */
export function validateMessage(body: Json, options: { allowEmpty: boolean; hasFiles: boolean }): void {
  const errors = new FormErrors();
  errors.maxLength(['content'], body.content, 2000);
  const embeds: Json[] = Array.isArray(body.embeds) ? body.embeds : [];
  if (embeds.length > 10) errors.add(['embeds'], 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
  let embedChars = 0;
  embeds.forEach((embed, i) => {
    const at = (...rest: Path): Path => ['embeds', i, ...rest];
    errors.maxLength(at('title'), embed.title, 256);
    errors.maxLength(at('description'), embed.description, 4096);
    errors.maxLength(at('footer', 'text'), embed.footer?.text, 2048);
    errors.maxLength(at('author', 'name'), embed.author?.name, 256);
    errors.url(at('url'), embed.url);
    errors.url(at('image', 'url'), embed.image?.url);
    errors.url(at('thumbnail', 'url'), embed.thumbnail?.url);
    errors.url(at('author', 'icon_url'), embed.author?.icon_url);
    errors.url(at('footer', 'icon_url'), embed.footer?.icon_url);
    const fields: Json[] = embed.fields ?? [];
    if (fields.length > 25)
      errors.add(at('fields'), 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
    fields.forEach((field, f) => {
      errors.requiredLength(at('fields', f, 'name'), field.name, 1, 256);
      errors.requiredLength(at('fields', f, 'value'), field.value, 1, 1024);
    });
    embedChars += [embed.title, embed.description, embed.footer?.text, embed.author?.name]
      .concat(fields.flatMap((f) => [f.name, f.value]))
      .reduce((sum: number, s) => sum + (typeof s === 'string' ? [...s].length : 0), 0);
  });
  if (embedChars > 6000) {
    errors.add(['embeds'], 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
  }
  if (Array.isArray(body.components)) validateComponents(errors, body.components, body.flags ?? 0);
  errors.throwIfAny();
  if (!options.allowEmpty) {
    const empty =
      !body.content &&
      embeds.length === 0 &&
      !(Array.isArray(body.components) && body.components.length > 0) &&
      !options.hasFiles &&
      !body.sticker_ids?.length &&
      !body.poll;
    if (empty) throw new RestError(400, 50006, 'Cannot send an empty message');
  }
}

function validateComponents(errors: FormErrors, rows: Json[], flags: number): void {
  const v2 = (flags & IS_COMPONENTS_V2) !== 0;
  if (!v2 && rows.length > 5)
    errors.add(['components'], 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
  const seen = new Set<string>();
  const visit = (component: Json, path: Path) => {
    if (typeof component.custom_id === 'string') {
      errors.requiredLength([...path, 'custom_id'], component.custom_id, 1, 100);
      if (seen.has(component.custom_id)) {
        errors.add(
          [...path, 'custom_id'],
          'COMPONENT_CUSTOM_ID_DUPLICATED',
          'Component custom id cannot be duplicated',
        );
      }
      seen.add(component.custom_id);
    }
    switch (component.type) {
      case 1: {
        const children: Json[] = component.components ?? [];
        const selects = children.filter((c) => c.type >= 3 && c.type <= 8 && c.type !== 4).length;
        if (children.length === 0 || children.length > 5 || (selects > 0 && children.length > 1)) {
          errors.add([...path, 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
        }
        children.forEach((c, i) => {
          visit(c, [...path, 'components', i]);
        });
        break;
      }
      case 2: {
        errors.maxLength([...path, 'label'], component.label, 80);
        if (component.style === 5) errors.url([...path, 'url'], component.url ?? '');
        else if (component.style !== 6 && typeof component.custom_id !== 'string') {
          errors.add([...path, 'custom_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
        }
        break;
      }
      case 3: {
        const options: Json[] = component.options ?? [];
        if (options.length < 1 || options.length > 25) {
          errors.add([...path, 'options'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 25 in length.');
        }
        errors.maxLength([...path, 'placeholder'], component.placeholder, 150);
        options.forEach((o, i) => {
          errors.requiredLength([...path, 'options', i, 'label'], o.label, 1, 100);
          errors.requiredLength([...path, 'options', i, 'value'], o.value, 1, 100);
          errors.maxLength([...path, 'options', i, 'description'], o.description, 100);
        });
        break;
      }
      default: {
        // Components V2 containers and sections nest children; walk them for custom_id checks.
        const nested: Json[] = component.components ?? [];
        nested.forEach((c, i) => {
          visit(c, [...path, 'components', i]);
        });
        if (component.accessory) visit(component.accessory, [...path, 'accessory']);
      }
    }
  };
  rows.forEach((row, i) => {
    visit(row, ['components', i]);
  });
}

export function validateChoices(choices: Json): void {
  const errors = new FormErrors();
  if (!Array.isArray(choices) || choices.length > 25) {
    errors.add(['data', 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  } else {
    choices.forEach((c: Json, i: number) => {
      errors.requiredLength(['data', 'choices', i, 'name'], c.name, 1, 100);
      if (typeof c.value === 'string')
        errors.requiredLength(['data', 'choices', i, 'value'], c.value, 1, 100);
    });
  }
  errors.throwIfAny();
}

const COMMAND_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Checks one command body as sent to the commands routes. */
export function validateCommand(body: Json, path: Path = []): void {
  const errors = new FormErrors();
  checkCommand(errors, body, path);
  errors.throwIfAny();
}

function checkCommand(errors: FormErrors, body: Json, path: Path): void {
  const chatInput = (body.type ?? 1) === 1;
  checkName(errors, [...path, 'name'], body.name, chatInput);
  if (chatInput) errors.requiredLength([...path, 'description'], body.description, 1, 100);
  checkOptions(errors, body.options ?? [], [...path, 'options'], 0);
}

function checkName(errors: FormErrors, path: Path, name: unknown, lowercase: boolean): void {
  if (typeof name !== 'string' || !COMMAND_NAME.test(name) || (lowercase && name !== name.toLowerCase())) {
    errors.add(path, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  }
}

function checkOptions(errors: FormErrors, options: Json[], path: Path, depth: number): void {
  if (options.length > 25) errors.add(path, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  let sawOptional = false;
  const names = new Set<string>();
  options.forEach((option, i) => {
    const at: Path = [...path, i];
    checkName(errors, [...at, 'name'], option.name, true);
    errors.requiredLength([...at, 'description'], option.description, 1, 100);
    if (names.has(option.name))
      errors.add(
        [...at, 'name'],
        'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
        'Option name already exists',
      );
    names.add(option.name);
    if (option.type === 1 || option.type === 2) {
      if (depth >= (option.type === 2 ? 1 : 2)) {
        errors.add(
          [...at, 'type'],
          'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
          'Sub-command nesting is invalid',
        );
      }
      checkOptions(errors, option.options ?? [], [...at, 'options'], depth + 1);
      return;
    }
    if (option.required) {
      if (sawOptional) {
        errors.add(
          [...at, 'required'],
          'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
          'Required options must be placed before non-required options',
        );
      }
    } else sawOptional = true;
    const choices: Json[] = option.choices ?? [];
    if (choices.length > 25)
      errors.add([...at, 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
    if (choices.length > 0 && option.autocomplete) {
      errors.add(
        [...at, 'autocomplete'],
        'APPLICATION_COMMAND_AUTOCOMPLETE_INVALID',
        'Autocomplete cannot be set with choices',
      );
    }
    choices.forEach((c, j) => {
      errors.requiredLength([...at, 'choices', j, 'name'], c.name, 1, 100);
    });
  });
}
