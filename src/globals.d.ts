// Compile-time constants set by scripts/build.ts through esbuild `define`.

/** True only in the TEST build (`npm run build -- --test`): the banner's shadow root is open for end-to-end tests. */
declare const __LUREWATCH_TEST__: boolean;

/** The extension's version, from package.json (the manifest's too): what a copied report names. */
declare const __LUREWATCH_VERSION__: string;
