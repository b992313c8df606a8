import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  championApi,
  renderPlanPage as render,
  serverError,
  stubSvgLayout,
} from './__testUtils__/renderPlans';

jest.setTimeout(30_000);

beforeAll(stubSvgLayout);

describe('plan page: waivers', () => {
  it('waives an item through the waiver API; the item shows its waiver pending a second champion', async () => {
    const pending = {
      id: 'w9',
      entityRef: 'resource:default/payments-db',
      checkId: 'quotas.headroom',
      reason: 'Quota raise lands on the 15th',
      status: 'pending',
      requestedBy: 'user:default/henry.adams',
    };
    const api = championApi({
      createWaiver: jest.fn(async () => pending),
      listWaivers: jest
        .fn()
        .mockResolvedValueOnce({ items: [], maxDays: 30 })
        .mockResolvedValue({ items: [pending], maxDays: 30 }),
    });
    await render(api);
    await userEvent.click(await screen.findByTestId('waive-item-item-1'));
    const dialog = within(screen.getByRole('dialog'));
    expect(dialog.getByText('Waive “Quota headroom”')).toBeInTheDocument();
    // the configured maximum from GET /waivers
    expect(dialog.getByText(/^At most 30 days/)).toBeInTheDocument();
    await userEvent.type(
      dialog.getByTestId('waiver-reason'),
      'Quota raise lands on the 15th',
    );
    await userEvent.click(dialog.getByTestId('waiver-submit'));
    await waitFor(() =>
      expect(api.createWaiver).toHaveBeenCalledWith(
        expect.objectContaining({
          entityRef: 'resource:default/payments-db',
          checkId: 'quotas.headroom',
          reason: 'Quota raise lands on the 15th',
        }),
      ),
    );
    // the plan reloads; the item stays open until a second champion approves
    expect(await screen.findByTestId('item-pending-item-1')).toHaveTextContent(
      'waiver asked by henry.adams, awaiting a second champion',
    );
    expect(screen.getByTestId('item-state-item-1')).toHaveTextContent('Open');
    expect(screen.queryByTestId('waive-item-item-1')).toBeNull();
    expect(api.getPlan).toHaveBeenCalledTimes(2);
    expect(api.listWaivers).toHaveBeenLastCalledWith({ status: 'pending' });
  });

  it('lets a second champion approve a pending waiver, and shows a refusal', async () => {
    const pending = {
      id: 'w9',
      entityRef: 'resource:default/payments-db',
      checkId: 'quotas.headroom',
      reason: 'Quota raise lands on the 15th',
      status: 'pending',
      requestedBy: 'user:default/lily.novak',
    };
    const approveWaiver = jest
      .fn()
      .mockRejectedValueOnce(
        await serverError(403, 'The requester cannot approve their own waiver'),
      )
      .mockResolvedValue({ ...pending, status: 'active' });
    const api = championApi({
      listWaivers: jest.fn(async () => ({ items: [pending], maxDays: 30 })),
      approveWaiver,
    });
    await render(api);
    // Henry (the caller) did not ask: he may approve
    await userEvent.click(await screen.findByTestId('approve-item-item-1'));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not approve: The requester cannot approve their own waiver',
    );
    await userEvent.click(screen.getByTestId('approve-item-item-1'));
    await waitFor(() => expect(api.getPlan).toHaveBeenCalledTimes(2));
    expect(approveWaiver).toHaveBeenLastCalledWith('w9');
  });

  it('offers no approval to the champion who asked', async () => {
    const api = championApi({
      listWaivers: jest.fn(async () => ({
        items: [
          {
            id: 'w9',
            entityRef: 'resource:default/payments-db',
            checkId: 'quotas.headroom',
            reason: 'r',
            status: 'pending',
            requestedBy: 'user:default/henry.adams',
          },
        ],
        maxDays: 30,
      })),
    });
    await render(api);
    expect(
      await screen.findByTestId('item-pending-item-1'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('approve-item-item-1')).toBeNull();
  });
});
