/**
 * The AWS Query protocol of the fake endpoint (RDS, ElastiCache): requests
 * are `application/x-www-form-urlencoded` with `Action` and `Version`;
 * answers are XML `<{Action}Response><{Action}Result>…` with list members
 * named as each service's model names them, errors
 * `<ErrorResponse><Error><Type/><Code/><Message/></Error>`.
 */

/** A list serialised with a member element name (`<DBInstance>…`). */
export class XmlList {
  constructor(readonly member: string, readonly items: unknown[]) {}
}

/** Shorthand for {@link XmlList}. */
export function xmlList(member: string, items: unknown[]): XmlList {
  return new XmlList(member, items);
}

function escape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Serialises a value as XML element content; undefined members are omitted. */
export function toXml(value: unknown): string {
  if (value instanceof XmlList) {
    return value.items
      .map(item => `<${value.member}>${toXml(item)}</${value.member}>`)
      .join('');
  }
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `<${k}>${toXml(v)}</${k}>`)
      .join('');
  }
  return escape(String(value));
}

/** The XML answer of a successful Query action. */
export function queryResponse(
  action: string,
  xmlns: string,
  result: unknown,
  requestId: string,
): string {
  return `<?xml version="1.0" encoding="UTF-8"?><${action}Response xmlns="${xmlns}"><${action}Result>${toXml(
    result,
  )}</${action}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
}

/** The XML answer of a failed Query action. */
export function queryError(
  xmlns: string,
  status: number,
  code: string,
  message: string,
  requestId: string,
): string {
  return `<?xml version="1.0" encoding="UTF-8"?><ErrorResponse xmlns="${xmlns}"><Error><Type>${
    status >= 500 ? 'Receiver' : 'Sender'
  }</Type><Code>${escape(code)}</Code><Message>${escape(
    message,
  )}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
}
