import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  PAYMENTS,
  PLAN_ID,
  planDetail,
  STOREFRONT,
} from './__testUtils__/planData';
import {
  championApi,
  renderPlanPage as render,
  serverError,
  stubSvgLayout,
} from './__testUtils__/renderPlans';
import { verdictReason } from './VerdictCard';

jest.setTimeout(30_000);

beforeAll(stubSvgLayout);

describe('plan page', () => {
  it('shows progress, then the no-go verdict with its reason and the weakest link', async () => {
    let resolve: (value: ReturnType<typeof planDetail>) => void = () => {};
    const api = championApi({
      getPlan: jest.fn(() => new Promise(r => (resolve = r))),
    });
    await render(api);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    resolve(planDetail());
    expect(await screen.findByTestId('verdict-no-go')).toHaveTextContent(
      'No-go',
    );
    expect(screen.getByTestId('verdict-reason')).toHaveTextContent(
      '1 of 4 scored members break at their factor; the weakest link is Payments database: quota headroom 2× is below 3×.',
    );
    expect(screen.getByTestId('weakest-link')).toHaveTextContent(
      'Weakest link: Payments database (headroom 2×)',
    );
    expect(api.getPlan).toHaveBeenCalledWith(PLAN_ID);
  });

  it('draws the chain coloured by state with the weakest path highlighted', async () => {
    await render(championApi());
    const graph = await screen.findByTestId('chain-graph');
    const tone = (ref: string) =>
      within(graph).getByTestId(`graph-node-${ref}`).getAttribute('data-tone');
    expect(tone('resource:default/payments-db')).toBe('breaks');
    expect(tone('component:default/catalog-api')).toBe('unknown');
    expect(tone('component:default/checkout')).toBe('survives');
    // 3.5× at 3× is under the 1.25 margin
    expect(tone('component:default/payments-api')).toBe('thin');
    expect(within(graph).getAllByTestId('weakest-edge')).toHaveLength(2);
    expect(within(graph).getAllByTestId('chain-edge')).toHaveLength(1);
    expect(within(graph).getByText('Payments database')).toBeInTheDocument();
  });

  it('lists members with owners, headroom and the first check that breaks, by title', async () => {
    await render(championApi());
    const table = await screen.findByTestId('plan-members');
    const row = within(table).getByText('Payments database').closest('tr')!;
    expect(within(row).getByText('Payments')).toBeInTheDocument();
    expect(within(row).getByText('2×')).toBeInTheDocument();
    expect(within(row).getByText('Breaks')).toBeInTheDocument();
    expect(within(row).getByText('Quota headroom')).toBeInTheDocument();
    expect(
      within(row).getByText('write capacity 2× peak, below 3×'),
    ).toBeInTheDocument();
    const unknown = within(table).getByText('Catalog API').closest('tr')!;
    expect(within(unknown).getByText('unknown')).toBeInTheDocument();
    // breaking members first
    expect(
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map(r => r.querySelector('a')?.textContent),
    ).toEqual(['Payments database', 'Catalog API', 'Payments API', 'Checkout']);
  });

  it('groups action items by team with due dates; only champions see Waive', async () => {
    const api = championApi();
    await render(api);
    const payments = await screen.findByTestId(`team-items-${PAYMENTS}`);
    expect(within(payments).getByText('Payments')).toBeInTheDocument();
    expect(within(payments).getByText('2026-12-12')).toBeInTheDocument();
    expect(within(payments).getByText('in 7 days')).toBeInTheDocument();
    const storefront = screen.getByTestId(`team-items-${STOREFRONT}`);
    expect(within(storefront).getByText('4 days overdue')).toBeInTheDocument();
    expect(
      within(storefront).getByTestId('item-state-item-3'),
    ).toHaveTextContent('Waived');
    expect(within(storefront).getByText('alice')).toBeInTheDocument();
    await waitFor(() =>
      expect(
        within(payments).getByTestId('waive-item-item-1'),
      ).toBeInTheDocument(),
    );
    expect(within(storefront).queryByTestId('waive-item-item-2')).toBeNull();
    expect(
      within(storefront).getByText(
        "Only the team's champions can waive items.",
      ),
    ).toBeInTheDocument();
    expect(screen.getByTestId('plan-burndown')).toBeInTheDocument();
  });

  it("signs off a team, and shows the server's refusal", async () => {
    const signed = planDetail({
      signOffs: [
        {
          team: PAYMENTS,
          by: 'user:default/henry.adams',
          at: '2026-12-05T12:30:00.000Z',
          comment: 'Quota ticket filed',
        },
      ],
    });
    signed.teams[0] = { ...signed.teams[0], signedOff: true };
    const signOffPlan = jest
      .fn()
      .mockRejectedValueOnce(
        await serverError(
          403,
          'Only champions or owners of Payments may sign off',
        ),
      )
      .mockResolvedValue({ signOff: signed.signOffs[0], plan: signed.plan });
    const api = championApi({
      getPlan: jest
        .fn()
        .mockResolvedValueOnce(planDetail())
        .mockResolvedValue(signed),
      signOffPlan,
    });
    await render(api);
    await userEvent.click(
      await screen.findByTestId(`sign-off-team-${PAYMENTS}`),
    );
    const dialog = within(screen.getByRole('dialog'));
    await userEvent.type(
      dialog.getByLabelText('Comment (optional)'),
      'Quota ticket filed',
    );
    await userEvent.click(dialog.getByTestId('plan-sign-off-confirm'));
    expect(await dialog.findByRole('alert')).toHaveTextContent(
      'Only champions or owners of Payments may sign off',
    );
    await userEvent.click(dialog.getByTestId('plan-sign-off-confirm'));
    expect(
      await screen.findByTestId(`team-signed-${PAYMENTS}`),
    ).toHaveTextContent('Signed off by henry.adams');
    expect(signOffPlan).toHaveBeenLastCalledWith(PLAN_ID, {
      team: PAYMENTS,
      comment: 'Quota ticket filed',
    });
    expect(screen.queryByTestId(`sign-off-team-${PAYMENTS}`)).toBeNull();
    expect(
      screen.getByTestId(`sign-off-team-${STOREFRONT}`),
    ).toBeInTheDocument();
  });

  it('assigns an item to a user picked from the catalog', async () => {
    const api = championApi({
      assignPlanItem: jest.fn(async () => ({})),
    });
    await render(api);
    await userEvent.click(await screen.findByTestId('assign-item-item-1'));
    const dialog = within(screen.getByRole('dialog'));
    await userEvent.type(dialog.getByLabelText('Assignee'), 'ali');
    await userEvent.click(
      await screen.findByRole('option', { name: /Alice Liddell/ }),
    );
    await userEvent.click(dialog.getByTestId('assign-confirm'));
    await waitFor(() =>
      expect(api.assignPlanItem).toHaveBeenCalledWith(
        PLAN_ID,
        'item-1',
        'user:default/alice',
      ),
    );
  });

  it('edits an open plan through PATCH and reloads it', async () => {
    const api = championApi({
      updatePlan: jest.fn(async () => planDetail().plan),
    });
    await render(api);
    await userEvent.click(await screen.findByTestId('plan-edit'));
    const dialog = within(screen.getByRole('dialog'));
    expect(dialog.getByLabelText(/^Title/)).toHaveValue(
      'Retail partner launch',
    );
    await userEvent.clear(dialog.getByLabelText(/^Growth factor/));
    await userEvent.type(dialog.getByLabelText(/^Growth factor/), '4');
    await userEvent.click(dialog.getByText('Save plan'));
    await waitFor(() =>
      expect(api.updatePlan).toHaveBeenCalledWith(PLAN_ID, {
        title: 'Retail partner launch',
        occasion: 'Partner onboarding',
        date: '2026-12-19',
        growthFactor: 4,
        entryPoints: ['component:default/checkout'],
        factors: {},
      }),
    );
    await waitFor(() => expect(api.getPlan).toHaveBeenCalledTimes(2));
  });

  it('is read-only once frozen', async () => {
    const frozen = planDetail();
    frozen.plan = { ...frozen.plan, status: 'frozen' };
    await render(championApi({ getPlan: jest.fn(async () => frozen) }));
    await screen.findByTestId(`team-items-${PAYMENTS}`);
    expect(screen.getByText(/frozen: not recomputed/)).toBeInTheDocument();
    expect(screen.queryByTestId(/^waive-item-/)).toBeNull();
    expect(screen.queryByTestId(/^assign-item-/)).toBeNull();
    expect(screen.queryByTestId(/^sign-off-team-/)).toBeNull();
    expect(screen.queryByTestId('plan-edit')).toBeNull();
  });

  it('says why a plan is go, or unknown, and names missing entry points', async () => {
    const go = planDetail();
    go.evaluation = {
      ...go.evaluation,
      verdict: 'go',
      missingEntryPoints: ['component:default/gone'],
    };
    await render(championApi({ getPlan: jest.fn(async () => go) }));
    expect(await screen.findByTestId('verdict-reason')).toHaveTextContent(
      'Every member survives its growth factor or holds a waiver.',
    );
    expect(screen.getByTestId('missing-entry-points')).toHaveTextContent(
      'Not in the catalog (any more): gone',
    );
  });

  it('says how many scored members have no result when the verdict is unknown', () => {
    const unknown = planDetail().evaluation;
    unknown.verdict = 'unknown';
    unknown.weakestLink = null;
    unknown.members = [
      ...unknown.members.map(m => ({ ...m, state: 'unknown' as const })),
      {
        ...unknown.members[0],
        entityRef: 'api:default/checkout-api',
        title: 'Checkout API',
        kind: 'API',
        state: 'unknown' as const,
        headroom: null,
      },
    ];
    expect(verdictReason(unknown)).toBe(
      '4 of 4 scored members have no result yet, so the plan cannot say go.',
    );
    unknown.members = unknown.members.map(m => ({
      ...m,
      state: m.kind === 'API' ? m.state : ('survives' as const),
    }));
    unknown.missingEntryPoints = ['component:default/gone'];
    expect(verdictReason(unknown)).toBe(
      '1 entry point is missing, so the plan cannot say go.',
    );
  });

  it("shows the server's error when the plan cannot be loaded", async () => {
    const error = await serverError(404, `No launch plan ${PLAN_ID}`);
    await render(
      championApi({ getPlan: jest.fn(() => Promise.reject(error)) }),
    );
    expect(
      (await screen.findAllByText(`No launch plan ${PLAN_ID}`)).length,
    ).toBeGreaterThan(0);
  });
});
