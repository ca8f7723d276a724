/**
 * Builds the task pane (dist/taskpane.html), the ribbon's function file (dist/commands.html), the
 * support page, the icons and dist/manifest.xml.
 *
 * One setting decides where the add-in is hosted: ADDIN_BASE_URL (https, no trailing slash),
 * e.g. `ADDIN_BASE_URL=https://sgd.example.gov.vn/dien-hinh npm run build`. The manifest in the
 * repository uses https://localhost:3000 (the dev server); the build rewrites every URL in it.
 *
 * The initial JavaScript holds React, Fluent UI and the rulebook; the engine runs in a Web Worker
 * (src/taskpane/engine/engine.worker.ts, found through `new Worker(new URL(…, import.meta.url))` in
 * spawn-worker.ts), and the checker and the .xlsx reader and writer are chunks it loads on demand
 * (dynamic imports in src/taskpane/engine/ops.ts; the page loads the same chunks when no worker runs).
 */
'use strict';

const path = require('node:path');
const fs = require('node:fs');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const pkg = require('./package.json');

const DEV_BASE_URL = 'https://localhost:3000';
const DEV_PORT = 3000;

/** ADDIN_BASE_URL, checked: the manifest only admits https URLs. */
function addinBaseUrl(env = process.env) {
  const raw = (env.ADDIN_BASE_URL || DEV_BASE_URL).trim().replace(/\/+$/, '');
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`ADDIN_BASE_URL is not a URL: ${raw}`);
  }
  if (url.protocol !== 'https:') throw new Error(`ADDIN_BASE_URL must be https (Office loads add-ins over https only): ${raw}`);
  if (url.search || url.hash) throw new Error(`ADDIN_BASE_URL must not have a query or fragment: ${raw}`);
  return raw;
}

/** package.json "0.1.0" (or "1.2.3-beta.1") -> manifest "0.1.0.0". */
function manifestVersion(version) {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!m) throw new Error(`package.json version is not semver: ${version}`);
  return `${m[1]}.${m[2]}.${m[3]}.0`;
}

/** The repository's manifest, served from `baseUrl` at `version`. */
function rewriteManifest(xml, baseUrl, version) {
  const base = addinBaseUrl({ ADDIN_BASE_URL: baseUrl });
  let out = xml.split(`${DEV_BASE_URL}/`).join(`${base}/`);
  out = out.replace(/<Version>[^<]*<\/Version>/, `<Version>${manifestVersion(version)}</Version>`);
  if (base !== DEV_BASE_URL && out.includes('localhost:3000')) {
    throw new Error('manifest.xml: a localhost URL is left after rewriting (write it as https://localhost:3000/...)');
  }
  return out;
}

/**
 * Dev certificates from office-addin-dev-certs (it creates and trusts a local CA on first use).
 * Where that fails (no certificate store, no sudo, CI) the dev server falls back to http, which
 * a browser accepts for file mode but Office does not: say so loudly.
 */
async function devServerProtocol() {
  try {
    const devCerts = require('office-addin-dev-certs');
    const options = await devCerts.getHttpsServerOptions();
    return { type: 'https', options: { ca: options.ca, key: options.key, cert: options.cert } };
  } catch (err) {
    const line = '!'.repeat(78);
    console.warn(
      `\n${line}\n` +
        'WARNING: no HTTPS development certificate (office-addin-dev-certs failed):\n' +
        `  ${String((err && err.message) || err).split('\n')[0]}\n` +
        'Serving over plain http://localhost:3000 instead. Excel will NOT load the add-in from\n' +
        'http; only the file mode in a browser works. Run `npx office-addin-dev-certs install`\n' +
        'on a machine with a certificate store, then restart `npm run dev-server`.\n' +
        `${line}\n`,
    );
    return 'http';
  }
}

module.exports = async (_env, argv) => {
  const production = argv.mode === 'production';
  const baseUrl = production ? addinBaseUrl() : DEV_BASE_URL;
  const config = {
    mode: production ? 'production' : 'development',
    // No eval-based source maps: the page's Content-Security-Policy forbids eval.
    devtool: 'source-map',
    // Fluent UI and its focus library ship ES2022: the pane needs a current webview (WebView2, Safari,
    // any current browser); webview-check.js tells Internet Explorer and Edge Legacy users what to do.
    target: ['web', 'es2022'],
    entry: {
      taskpane: './src/taskpane/index.tsx',
      commands: './src/taskpane/commands.ts',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: production ? '[name].[contenthash:8].js' : '[name].js',
      chunkFilename: production ? '[name].[contenthash:8].js' : '[name].js',
      publicPath: 'auto',
      clean: true,
    },
    resolve: {
      extensions: ['.tsx', '.ts', '.mjs', '.js', '.json'],
      // No Node polyfills: ExcelJS resolves to its browser build (package.json "browser":
      // dist/exceljs.min.js), which bundles its own stream/buffer shims, and fflate has a browser
      // build. Anything else asking for a Node built-in then fails the build ("Can't resolve
      // 'stream'") instead of shipping a polyfill nobody reviewed.
    },
    module: {
      // The prebuilt ExcelJS bundle needs no parsing (and webpack warns when it tries).
      noParse: /[\\/]exceljs[\\/]dist[\\/]/,
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              // Types are checked by `npm run typecheck`; the build only strips them.
              transpileOnly: true,
              compilerOptions: { noEmit: false, target: 'ES2022', module: 'ESNext', sourceMap: true, jsx: 'react-jsx' },
            },
          },
        },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane'],
        scriptLoading: 'defer',
      }),
      new HtmlWebpackPlugin({
        filename: 'commands.html',
        template: './src/taskpane/commands.html',
        chunks: ['commands'],
        scriptLoading: 'defer',
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          { from: 'src/taskpane/support.html', to: 'support.html' },
          { from: 'src/taskpane/webview-check.js', to: 'webview-check.js' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => rewriteManifest(content.toString('utf8'), baseUrl, pkg.version),
          },
        ],
      }),
    ],
    performance: { hints: false }, // `npm run build` prints the sizes itself (scripts/build-report.ts)
    optimization: {
      splitChunks: {
        chunks: 'async',
        cacheGroups: {
          // Name the libraries loaded on demand after their package, so the build report reads well.
          vendors: {
            test: /[\\/]node_modules[\\/]/,
            priority: -10,
            reuseExistingChunk: true,
            name: (module) => {
              const m = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(module.context || '');
              return m ? `lib-${m[1].replace(/[\\/@]/g, '')}` : 'lib';
            },
          },
        },
      },
    },
  };
  if (!production) {
    config.devServer = {
      port: DEV_PORT,
      server: await devServerProtocol(),
      hot: false,
      static: false,
      client: { overlay: { errors: true, warnings: false } },
    };
  }
  return config;
};

module.exports.rewriteManifest = rewriteManifest;
module.exports.addinBaseUrl = addinBaseUrl;
module.exports.manifestVersion = manifestVersion;
module.exports.DEV_BASE_URL = DEV_BASE_URL;

// `node webpack.config.js --print-manifest` shows the manifest a production build would write.
if (require.main === module && process.argv.includes('--print-manifest')) {
  const xml = fs.readFileSync(path.join(__dirname, 'manifest.xml'), 'utf8');
  process.stdout.write(rewriteManifest(xml, addinBaseUrl(), pkg.version));
}
