// An error whose message is meant for the person who typed the command or pressed the button.
// Use cases throw it for bad input and refused permissions; platforms show the text as is.
export class UserError extends Error {
  constructor(
    message: string,
    /** For form submissions: the field the message belongs to. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
