export declare const SERVER_PROCESS_DEFAULTS: Readonly<Record<'MALLOC_MMAP_THRESHOLD_', string>>;
export declare function serverProcessEnv<T extends Record<string, string | undefined>>(env: T): T & Record<'MALLOC_MMAP_THRESHOLD_', string>;
