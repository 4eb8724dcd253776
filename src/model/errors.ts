/**
 * The two ways a reader or an analysis refuses to give a verdict. A verifier that guessed would
 * prove nothing, so anything not understood is reported instead.
 */

/** Something valid that is not evaluated (a prefix list, an unknown service tag, a computed value...). */
export class UnsupportedConstruct extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedConstruct';
  }
}

/**
 * Input the cloud would reject (duplicate Azure priorities, a priority out of range, both allow
 * and deny in one GCP rule...). A subclass, so "cannot give a verdict" is one catch.
 */
export class InvalidTerraform extends UnsupportedConstruct {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTerraform';
  }
}
