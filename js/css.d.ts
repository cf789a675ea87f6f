// esbuild bundles the stylesheets that modules import for their side effect.
declare module "*.css";
