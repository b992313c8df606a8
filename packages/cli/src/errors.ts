/**
 * A usage or input error: a bad flag value, a missing path, an invalid
 * configuration file. The CLI prints the message and exits with code 2.
 * @public
 */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
