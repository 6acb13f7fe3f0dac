import { defineConfig } from 'vite';

// The console is served by the node under <admin_gui_path>console/; the node replaces this marker by that path
// when it serves the files (see AdminGui), so one build works under any admin_gui_path.
export default defineConfig({
  base: '/__console_base__/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: process.env.CONSOLE_OUT_DIR || 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    chunkSizeWarningLimit: 400,
  },
});
