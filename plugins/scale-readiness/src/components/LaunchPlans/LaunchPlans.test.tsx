import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ScaleReadinessApi } from '../../api/ScaleReadinessApi';
import { fakeApi, responseError } from '../../__testUtils__/fixtures';
import { PLAN_ID, planDetail, planSummary } from './__testUtils__/planData';
import { renderPlans as render } from './__testUtils__/renderPlans';

jest.setTimeout(30_000);

describe('launch plan list', () => {
  it('lists plans with verdict, open items and a link to each', async () => {
    const api = fakeApi({
      listPlans: jest.fn(async () => [
        planSummary(),
        planSummary({
          id: 'p2',
          title: 'Black Friday',
          verdict: 'go',
          status: 'frozen',
          date: '2026-11-27',
        }),
      ]),
    });
    await render(api, '/plans');
    expect(await screen.findByText('Launch plans (2)')).toBeInTheDocument();
    const row = screen.getByText('Retail partner launch').closest('tr')!;
    expect(within(row).getByText('No-go')).toBeInTheDocument();
    expect(within(row).getByText('3×')).toBeInTheDocument();
    expect(within(row).getByText('2026-12-19')).toBeInTheDocument();
    expect(
      screen.getByText('Retail partner launch').closest('a'),
    ).toHaveAttribute('href', `/plans/${PLAN_ID}`);
    expect(screen.getByText('Frozen (signed off)')).toBeInTheDocument();
    // soonest first
    const titles = screen
      .getAllByRole('link')
      .map(a => a.textContent)
      .filter(t => t === 'Black Friday' || t === 'Retail partner launch');
    expect(titles).toEqual(['Black Friday', 'Retail partner launch']);
  });

  it('shows an empty state when there is no plan', async () => {
    await render(fakeApi({ listPlans: jest.fn(async () => []) }), '/plans');
    expect(await screen.findByText('No launch plan yet')).toBeInTheDocument();
  });

  it("shows the server's message when the list fails", async () => {
    const error = await responseError(503, 'The plan store is unavailable');
    await render(
      fakeApi({ listPlans: jest.fn(() => Promise.reject(error)) }),
      '/plans',
    );
    expect(
      (await screen.findAllByText(/The plan store is unavailable/)).length,
    ).toBeGreaterThan(0);
  });
});

describe('new plan dialog', () => {
  async function openDialog(api: Partial<ScaleReadinessApi>) {
    await render(api, '/plans');
    await userEvent.click(await screen.findByTestId('new-plan'));
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  }

  it('marks required fields and refuses to create until they are valid', async () => {
    const api = fakeApi({
      listPlans: jest.fn(async () => []),
      createPlan: jest.fn(),
    });
    await openDialog(api);
    const dialog = within(screen.getByRole('dialog'));
    // labelled, required controls
    expect(dialog.getByLabelText(/^Title/)).toBeRequired();
    expect(dialog.getByLabelText(/^Launch date/)).toBeRequired();
    expect(dialog.getByLabelText(/^Growth factor/)).toBeRequired();
    expect(dialog.getByLabelText(/^Entry points/)).toBeRequired();

    await userEvent.clear(dialog.getByLabelText(/^Growth factor/));
    await userEvent.type(dialog.getByLabelText(/^Growth factor/), '0.5');
    fireEvent.change(dialog.getByLabelText(/^Launch date/), {
      target: { value: '2020-01-01' },
    });
    await userEvent.click(dialog.getByTestId('plan-create'));
    expect(dialog.getByText('A title is required')).toBeInTheDocument();
    expect(dialog.getByText('The date is in the past')).toBeInTheDocument();
    expect(dialog.getByText('At least 1×')).toBeInTheDocument();
    expect(
      dialog.getByText('Pick at least one entry point'),
    ).toBeInTheDocument();
    expect(api.createPlan).not.toHaveBeenCalled();
  });

  it('creates a plan with entry points from the catalog and a per-entry factor, then opens it', async () => {
    const created = planDetail().plan;
    const api = fakeApi({
      listPlans: jest.fn(async () => []),
      createPlan: jest.fn(async () => created),
      getPlan: jest.fn(async () => planDetail()),
      getTeamChampions: jest.fn(() => new Promise(() => {})),
    });
    await openDialog(api);
    const dialog = within(screen.getByRole('dialog'));
    await userEvent.type(
      dialog.getByLabelText(/^Title/),
      'Retail partner launch',
    );
    await userEvent.type(dialog.getByLabelText(/^Occasion/), 'Partner');
    fireEvent.change(dialog.getByLabelText(/^Launch date/), {
      target: { value: '2099-12-19' },
    });
    await userEvent.click(dialog.getByLabelText(/^Entry points/));
    await userEvent.type(dialog.getByLabelText(/^Entry points/), 'check');
    await userEvent.click(
      await screen.findByRole('option', {
        name: /Checkout \(Component checkout\)/,
      }),
    );
    await userEvent.type(dialog.getByLabelText(/^Entry points/), 'search');
    // the typed text stays and filters the catalog
    expect(dialog.getByLabelText(/^Entry points/)).toHaveValue('search');
    await waitFor(() =>
      expect(screen.queryByRole('option', { name: /Checkout/ })).toBeNull(),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: /search-api/ }),
    );
    await userEvent.type(dialog.getByLabelText('Factor for search-api'), '0');
    await userEvent.click(dialog.getByTestId('plan-create'));
    expect(dialog.getByText('At least 1×')).toBeInTheDocument();
    expect(api.createPlan).not.toHaveBeenCalled();

    await userEvent.clear(dialog.getByLabelText('Factor for search-api'));
    await userEvent.type(dialog.getByLabelText('Factor for search-api'), '5');
    await userEvent.click(dialog.getByTestId('plan-create'));
    await waitFor(() =>
      expect(api.createPlan).toHaveBeenCalledWith({
        title: 'Retail partner launch',
        occasion: 'Partner',
        date: '2099-12-19',
        growthFactor: 3,
        entryPoints: ['component:default/checkout', 'api:default/search-api'],
        factors: { 'api:default/search-api': 5 },
      }),
    );
    await waitFor(() => expect(api.getPlan).toHaveBeenCalledWith(created.id));
  });

  it("shows the server's refusal and keeps the form", async () => {
    // as the client throws it: the server's message replaces the status line
    const message = 'Only champions and operators may create plans';
    const error = Object.assign(await responseError(403, message), {
      message,
    });
    const api = fakeApi({
      listPlans: jest.fn(async () => []),
      createPlan: jest.fn(() => Promise.reject(error)),
    });
    await openDialog(api);
    const dialog = within(screen.getByRole('dialog'));
    await userEvent.type(dialog.getByLabelText(/^Title/), 'Launch');
    fireEvent.change(dialog.getByLabelText(/^Launch date/), {
      target: { value: '2099-01-01' },
    });
    await userEvent.type(dialog.getByLabelText(/^Entry points/), 'check');
    await userEvent.click(
      await screen.findByRole('option', { name: /Checkout/ }),
    );
    await userEvent.click(dialog.getByTestId('plan-create'));
    expect(await dialog.findByRole('alert')).toHaveTextContent(
      'Only champions and operators may create plans',
    );
    expect(dialog.getByLabelText(/^Title/)).toHaveValue('Launch');
  });
});
