import { LineCounter, parseAllDocuments } from 'yaml';

/** One YAML document of a file, parsed. */
export interface ParsedDocument {
  /** 0-based position of the document in its file. */
  index: number;
  /** 1-based line where the document's content (or its error) starts. */
  line: number;
  /** The document as plain JS; undefined when it failed to parse or is empty. */
  value?: unknown;
  /** First line of the YAML error, when the document is not valid YAML. */
  error?: string;
}

/** A YAML file read from disk and split into documents. */
export interface ParsedFile {
  /** Real (symlink-resolved) absolute path; the key the file is known by. */
  path: string;
  documents: ParsedDocument[];
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}

/**
 * Parses a multi-document YAML text like the backend's `parseManifests` does
 * (same options, same error text), and records where each document starts
 * with a `LineCounter`, for problems reported with file and line.
 */
export function parseYamlFile(path: string, content: string): ParsedFile {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(content, { prettyErrors: true, lineCounter });
  const list = Array.isArray(docs) ? docs : [];
  const lineOf = (offset: number | undefined) =>
    offset === undefined ? 1 : lineCounter.linePos(offset).line;

  const documents = list.map((doc, index): ParsedDocument => {
    if (doc.errors.length > 0) {
      const error = doc.errors[0];
      return {
        index,
        line: error.linePos?.[0]?.line ?? lineOf(error.pos[0]),
        error: firstLine(error.message),
      };
    }
    const contents = doc.contents as { range?: [number, number, number] };
    const line = lineOf(contents?.range?.[0] ?? doc.range[0]);
    try {
      return { index, line, value: doc.toJS({ maxAliasCount: 100 }) };
    } catch (e) {
      return {
        index,
        line,
        error: firstLine(e instanceof Error ? e.message : String(e)),
      };
    }
  });
  return { path, documents };
}

/**
 * The text `parseManifests` appends to a message about one document of a
 * multi-document file.
 */
export function documentSuffix(file: ParsedFile, doc: ParsedDocument): string {
  return file.documents.length > 1 ? ` (document ${doc.index + 1})` : '';
}
