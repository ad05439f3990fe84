export * from './accounts';
export * from './services';
export * from './incidents';
export * from './idempotency';
export * from './paging';
export * from './engine';
