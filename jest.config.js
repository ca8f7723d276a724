/** Jest runs the TypeScript sources directly through ts-jest (no build step). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: { module: 'commonjs', moduleResolution: 'node10', jsx: 'react-jsx', isolatedModules: true, ignoreDeprecations: '6.0' }, diagnostics: false }],
  },
  testTimeout: 60000,
};
