/**
 * Typed errors thrown by services. One error handler (plugins/errors.ts) turns each into a friendly
 * page with the right status; none of them carries personal data.
 */
export class NotFoundError extends Error {
  readonly statusCode = 404;
  constructor(what = 'page') {
    super(`Not found: ${what}`);
  }
}

export class ForbiddenError extends Error {
  readonly statusCode = 403;
  constructor(reason = 'forbidden') {
    super(reason);
  }
}

export class ConflictError extends Error {
  readonly statusCode = 409;
}

/** Too many attempts: the person is told to wait, not what the limit is counting. */
export class TooManyAttemptsError extends Error {
  readonly statusCode = 429;
}
