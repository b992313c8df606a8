import { renderTestApp } from '@backstage/frontend-test-utils';
import {
  scaleReadinessApiRef,
  type ScaleReadinessApi,
} from '@scale-readiness/plugin-scale-readiness';
import { render, screen } from '@testing-library/react';
import { features } from './App';

jest.setTimeout(60_000);

/** Every Scale Readiness call fails: these tests are about the wiring. */
function failingApi(): ScaleReadinessApi {
  return new Proxy({} as ScaleReadinessApi, {
    get: (_target, name) =>
      jest.fn(() => Promise.reject(new Error(`offline: ${String(name)}`))),
  });
}

function renderApp(path: string) {
  const errors: string[] = [];
  const rendered = renderTestApp({
    features: features.filter(f => f.$$type !== '@backstage/FrontendModule'),
    apis: [[scaleReadinessApiRef, failingApi()]],
    initialRouteEntries: [path],
    isExpectedError: error => {
      errors.push(`${error.code}: ${error.message}`);
      return false;
    },
  });
  return { rendered, errors };
}

describe('app-next (new frontend system)', () => {
  it('boots the real app root to the guest sign-in page', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test', baseUrl: 'http://localhost:3000' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };
    const { default: root } = await import('./App');
    render(root);
    expect(
      await screen.findByText('Guest', undefined, { timeout: 30_000 }),
    ).toBeInTheDocument();
  });

  it('mounts the Scale Readiness page from the /alpha export', async () => {
    const { errors } = renderApp('/scale-readiness');
    expect(
      await screen.findByRole(
        'heading',
        { name: 'Scale Readiness' },
        { timeout: 30_000 },
      ),
    ).toBeInTheDocument();
    expect(errors).toEqual([]);
  });
});
