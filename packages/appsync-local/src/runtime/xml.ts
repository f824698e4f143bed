// `util.xml`: XML to a plain object the way org.json's XML.toJSONObject reads it (which matches the
// AppSync docs example): attributes and child elements become keys, repeated children an array,
// mixed text a "content" key, and text that reads as a number, boolean or null becomes one.
import type { Util } from "@aws-appsync/utils";

type XmlObject = Record<string, unknown>;

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, entity: string) => {
    if (entity.startsWith("#x")) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith("#")) return String.fromCodePoint(Number(entity.slice(1)));
    return ENTITIES[entity] ?? whole;
  });
}

function toValue(text: string): unknown {
  if (/^(true|false)$/i.test(text)) return text.toLowerCase() === "true";
  if (/^null$/i.test(text)) return null;
  if (/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(text)) return Number(text);
  return text;
}

/** Adds a key, turning a repeated key into an array of its values. */
function accumulate(target: XmlObject, key: string, value: unknown): void {
  if (!(key in target)) target[key] = value;
  else if (Array.isArray(target[key])) (target[key] as unknown[]).push(value);
  else target[key] = [target[key], value];
}

class XmlReader {
  private position = 0;
  constructor(private readonly xml: string) {}

  /** Reads elements and text until `</closingName>` (or the end for the document) into `target`. */
  readContent(target: XmlObject, closingName?: string): void {
    let text = "";
    while (this.position < this.xml.length) {
      const next = this.xml.indexOf("<", this.position);
      if (next === -1) {
        text += this.xml.slice(this.position);
        this.position = this.xml.length;
        break;
      }
      text += this.xml.slice(this.position, next);
      this.position = next;
      if (this.skipIf("<!--", "-->") || this.skipIf("<?", "?>") || this.skipIf("<!DOCTYPE", ">")) continue;
      if (this.xml.startsWith("<![CDATA[", this.position)) {
        const end = this.expect("]]>", this.position);
        text += this.xml.slice(this.position + 9, end);
        this.position = end + 3;
        continue;
      }
      if (this.xml.startsWith("</", this.position)) {
        const end = this.expect(">", this.position);
        const name = this.xml.slice(this.position + 2, end).trim();
        if (name !== closingName) throw new SyntaxError(`Mismatched closing tag </${name}>`);
        this.position = end + 1;
        this.addText(target, text);
        return;
      }
      this.readElement(target);
    }
    if (closingName !== undefined) throw new SyntaxError(`Unclosed tag <${closingName}>`);
    this.addText(target, text);
  }

  private readElement(parent: XmlObject): void {
    const end = this.expect(">", this.position);
    let tag = this.xml.slice(this.position + 1, end);
    this.position = end + 1;
    const selfClosing = tag.endsWith("/");
    if (selfClosing) tag = tag.slice(0, -1);
    const name = /^[^\s/>]+/.exec(tag)?.[0];
    if (!name) throw new SyntaxError("Element without a name");
    const element: XmlObject = {};
    for (const [, attribute, , doubleQuoted, singleQuoted] of tag.slice(name.length).matchAll(/([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
      accumulate(element, attribute!, toValue(decodeEntities(doubleQuoted ?? singleQuoted ?? "")));
    }
    if (!selfClosing) this.readContent(element, name);
    const keys = Object.keys(element);
    // an element holding only text is that text; an empty one is ""
    if (keys.length === 0) accumulate(parent, name, "");
    else if (keys.length === 1 && keys[0] === "content") accumulate(parent, name, element.content);
    else accumulate(parent, name, element);
  }

  private addText(target: XmlObject, text: string): void {
    const trimmed = decodeEntities(text).trim();
    if (trimmed !== "") accumulate(target, "content", toValue(trimmed));
  }

  private skipIf(opening: string, closing: string): boolean {
    if (!this.xml.startsWith(opening, this.position)) return false;
    this.position = this.expect(closing, this.position) + closing.length;
    return true;
  }

  private expect(token: string, from: number): number {
    const index = this.xml.indexOf(token, from);
    if (index === -1) throw new SyntaxError(`Malformed XML: expected "${token}"`);
    return index;
  }
}

export function xmlToMap(xml: string): XmlObject | null {
  if (typeof xml !== "string") return null;
  const document: XmlObject = {};
  new XmlReader(xml).readContent(document);
  return document;
}

export const xml: Util["xml"] = {
  toMap: (text) => xmlToMap(text),
  toJsonString: (text: string, stringEncode?: boolean) => {
    const json = JSON.stringify(xmlToMap(text));
    return stringEncode ? JSON.stringify(json) : json;
  },
};
