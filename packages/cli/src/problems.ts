import { compareStrings } from './compare';

/**
 * Something in the input that could not be used: a file that is not YAML, a
 * document that does not parse, an unknown kind, an invalid entity. Problems
 * are reported and do not stop the run.
 * @public
 */
export interface Problem {
  /** The file, relative to the working directory when below it. */
  file: string;
  /** 1-based line (1 when the problem concerns the whole file). */
  line: number;
  message: string;
}

/** Collects problems without duplicates, in a stable order. */
export class ProblemList {
  readonly #problems = new Map<string, Problem>();

  add(problem: Problem): void {
    const key = `${problem.file}\u0000${problem.line}\u0000${problem.message}`;
    if (!this.#problems.has(key)) this.#problems.set(key, problem);
  }

  /** Sorted by file, then line. */
  list(): Problem[] {
    return [...this.#problems.values()].sort(
      (a, b) => compareStrings(a.file, b.file) || a.line - b.line,
    );
  }
}
