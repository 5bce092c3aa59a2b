/** The rate budget lives in ./rate/; this module keeps the import path the rest of src/http uses. */
export * from './rate';
