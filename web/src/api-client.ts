// The web UI's one typed client is the contract's (src/contract/api-client.ts), shared with the CLI.
export * from '../../src/contract/api-client.ts';
