// The errors Personalize Runtime and Events model (their `dist-cjs` schemas): the SDK maps the
// `x-amzn-errortype` header (or `__type` in the body) to these exception classes, and reads `message`.

export type PersonalizeErrorType = "InvalidInputException" | "ResourceNotFoundException" | "ResourceInUseException";

const statusOf: Record<PersonalizeErrorType, number> = {
  InvalidInputException: 400,
  ResourceNotFoundException: 404,
  ResourceInUseException: 409,
};

export class PersonalizeError extends Error {
  readonly type: PersonalizeErrorType;
  readonly status: number;

  constructor(type: PersonalizeErrorType, message: string) {
    super(message);
    this.name = type;
    this.type = type;
    this.status = statusOf[type];
  }
}

export const invalidInput = (message: string) => new PersonalizeError("InvalidInputException", message);
export const resourceNotFound = (message: string) => new PersonalizeError("ResourceNotFoundException", message);
