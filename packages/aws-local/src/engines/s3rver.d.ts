// The part of s3rver 3.7.1's API that s3.ts uses (the package ships no types).
declare module "s3rver" {
  import type { AddressInfo } from "node:net";

  type S3rverOptions = {
    address?: string;
    port?: number;
    /** Folder holding buckets and objects. */
    directory?: string;
    /** Silences s3rver's request log and Koa's error log. */
    silent?: boolean;
    resetOnClose?: boolean;
    vhostBuckets?: boolean;
    allowMismatchedSignatures?: boolean;
    configureBuckets?: { name: string; configs?: (string | Buffer)[] }[];
  };

  export default class S3rver {
    constructor(options?: S3rverOptions);
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
    on(event: "event", listener: (event: unknown) => void): this;
    on(event: "error", listener: (error: Error) => void): this;
  }
}
