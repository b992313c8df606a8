import { alertApiRef, identityApiRef } from '@backstage/core-plugin-api';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CheckResult } from '@scale-readiness/plugin-scale-readiness-common';
import {
  scaleReadinessApiRef,
  type ScaleReadinessApi,
} from '../../api/ScaleReadinessApi';
import { fakeApi } from '../../__testUtils__/fixtures';
import { WaiverAction } from './WaiverAction';
import { WaiverDialog } from './WaiverDialog';

jest.setTimeout(30_000);

const NOW = Date.parse('2026-12-01T12:00:00Z');
const CHECKOUT = 'component:default/checkout';
const check: CheckResult = {
  id: 'autoscaling.min-replicas',
  dimension: 'autoscaling',
  title: 'At least 2 replicas',
  status: 'fail',
  severity: 'high',
  message: 'minReplicas is 1',
  evidence: [],
};

function render(api: Partial<ScaleReadinessApi>, ui: JSX.Element) {
  return renderInTestApp(
    <TestApiProvider apis={[[scaleReadinessApiRef, api]]}>
      {ui}
    </TestApiProvider>,
  );
}

describe('WaiverDialog', () => {
  it('creates a waiver with reason and an expiry within the maximum', async () => {
    const created = {
      id: 'w1',
      entityRef: CHECKOUT,
      checkId: check.id,
      reason: 'batch',
      approvedBy: 'user:default/alice',
      expiresAt: '2026-12-31T23:59:59.000Z',
      status: 'active' as const,
      createdAt: '',
      updatedAt: '',
    };
    const api = fakeApi({ createWaiver: jest.fn(async () => created) });
    const onCreated = jest.fn();
    await render(
      api,
      <WaiverDialog
        open
        entityRef={CHECKOUT}
        check={check}
        maxDays={30}
        onClose={jest.fn()}
        onCreated={onCreated}
        now={() => NOW}
      />,
    );

    const submit = screen.getByTestId('waiver-submit');
    expect(submit).toBeDisabled(); // no reason yet
    const expires = screen.getByTestId('waiver-expires') as HTMLInputElement;
    expect(expires.value).toBe('2026-12-31');
    expect(expires.max).toBe('2026-12-31');

    await userEvent.type(
      screen.getByTestId('waiver-reason'),
      'Nightly batch job, one replica is enough',
    );
    fireEvent.change(expires, { target: { value: '2027-02-01' } });
    expect(submit).toBeDisabled(); // beyond the maximum
    fireEvent.change(expires, { target: { value: '2026-12-20' } });
    expect(submit).toBeEnabled();
    await userEvent.click(submit);

    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(created));
    expect(api.createWaiver).toHaveBeenCalledWith({
      entityRef: CHECKOUT,
      checkId: check.id,
      reason: 'Nightly batch job, one replica is enough',
      expiresAt: '2026-12-20T23:59:59.000Z',
    });
  });

  it('shows why the backend refused', async () => {
    const api = fakeApi({
      createWaiver: jest.fn(async () => {
        throw new Error(
          'Only a champion of group:default/payments may approve waivers for component:default/checkout',
        );
      }),
    });
    await render(
      api,
      <WaiverDialog
        open
        entityRef={CHECKOUT}
        check={check}
        onClose={jest.fn()}
        onCreated={jest.fn()}
        now={() => NOW}
      />,
    );
    await userEvent.type(screen.getByTestId('waiver-reason'), 'capped traffic');
    await userEvent.click(screen.getByTestId('waiver-submit'));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Only a champion of group:default/payments',
    );
  });
});

describe('WaiverAction', () => {
  it('offers a waiver on a failing check and nothing on a passing one', async () => {
    const api = fakeApi({
      listWaivers: jest.fn(async () => ({ items: [], maxDays: 14 })),
    });
    const { rerender } = await render(
      api,
      <WaiverAction entityRef={CHECKOUT} check={check} />,
    );
    await userEvent.click(screen.getByTestId(`waive-${check.id}`));
    expect(await screen.findByText(/At most 14 days/)).toBeInTheDocument();
    expect(api.listWaivers).toHaveBeenCalledWith({
      entityRef: CHECKOUT,
      status: 'active',
    });

    rerender(
      <TestApiProvider apis={[[scaleReadinessApiRef, api]]}>
        <WaiverAction
          entityRef={CHECKOUT}
          check={{ ...check, status: 'pass' }}
        />
      </TestApiProvider>,
    );
    expect(screen.queryByTestId(`waive-${check.id}`)).not.toBeInTheDocument();
  });

  it('revokes the active waiver of a waived check', async () => {
    const waived = {
      ...check,
      waived: {
        reason: 'batch',
        approvedBy: 'user:default/alice',
        expiresAt: '2026-12-31T00:00:00.000Z',
      },
    };
    const active = {
      id: 'w1',
      entityRef: CHECKOUT,
      checkId: check.id,
      reason: 'batch',
      approvedBy: 'user:default/alice',
      expiresAt: waived.waived.expiresAt,
      status: 'active' as const,
      createdAt: '',
      updatedAt: '',
    };
    const api = fakeApi({
      listWaivers: jest.fn(async () => ({
        items: [{ ...active, id: 'other', checkId: 'docs.runbook' }, active],
        maxDays: 90,
      })),
      revokeWaiver: jest.fn(async () => ({
        ...active,
        status: 'revoked' as const,
      })),
    });
    const onChanged = jest.fn();
    await render(
      api,
      <WaiverAction
        entityRef={CHECKOUT}
        check={waived}
        onChanged={onChanged}
      />,
    );
    await userEvent.click(screen.getByTestId(`revoke-waiver-${check.id}`));
    // asks first
    expect(await screen.findByText('Revoke the waiver?')).toBeInTheDocument();
    expect(api.revokeWaiver).not.toHaveBeenCalled();
    await userEvent.click(screen.getByTestId('confirm-revoke'));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(api.revokeWaiver).toHaveBeenCalledWith('w1');
    await waitFor(() =>
      expect(screen.queryByText('Revoke the waiver?')).not.toBeInTheDocument(),
    );
    expect(screen.getByRole('status')).toHaveTextContent(
      'finding is open again',
    );
  });

  const pendingWaiver = {
    id: 'w9',
    entityRef: CHECKOUT,
    checkId: check.id,
    reason: 'Nightly batch job, one replica is enough',
    approvedBy: '',
    requestedBy: 'user:default/alice',
    expiresAt: '2026-12-31T23:59:59.000Z',
    status: 'pending' as const,
    createdAt: '',
    updatedAt: '',
  };
  const signedInAs = (userEntityRef: string) => ({
    getBackstageIdentity: async () => ({
      type: 'user' as const,
      userEntityRef,
      ownershipEntityRefs: [userEntityRef],
    }),
  });
  const alerts = { post: jest.fn(), alert$: jest.fn() };
  beforeEach(() => alerts.post.mockClear());
  const renderAs = (
    user: string,
    api: Partial<ScaleReadinessApi>,
    onChanged = jest.fn(),
  ) =>
    renderInTestApp(
      <TestApiProvider
        apis={[
          [scaleReadinessApiRef, api],
          [identityApiRef, signedInAs(user)],
          [alertApiRef, alerts],
        ]}
      >
        <WaiverAction
          entityRef={CHECKOUT}
          check={check}
          onChanged={onChanged}
        />
      </TestApiProvider>,
    );

  it('shows a pending waiver and lets another champion approve it', async () => {
    const api = fakeApi({
      listWaivers: jest.fn(async () => ({
        items: [pendingWaiver],
        maxDays: 90,
      })),
      approveWaiver: jest.fn(async () => ({
        ...pendingWaiver,
        status: 'active' as const,
        approvedBy: 'user:default/erin',
      })),
    });
    const onChanged = jest.fn();
    await renderAs('user:default/erin', api, onChanged);
    expect(
      await screen.findByTestId(`waiver-pending-${check.id}`),
    ).toHaveTextContent(/pending approval.*asked by alice/i);
    expect(api.listWaivers).toHaveBeenCalledWith({
      entityRef: CHECKOUT,
      status: 'pending',
    });
    // no second waiver while one is pending
    expect(screen.queryByTestId(`waive-${check.id}`)).not.toBeInTheDocument();
    await userEvent.click(screen.getByTestId(`approve-waiver-${check.id}`));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(api.approveWaiver).toHaveBeenCalledWith('w9');
    expect(screen.getByRole('status')).toHaveTextContent('Waiver approved');
    // and a success toast says so
    expect(alerts.post).toHaveBeenCalledWith(
      expect.objectContaining({
        severity: 'success',
        message: expect.stringContaining('Waiver approved'),
      }),
    );
  });

  it('shows the requester their waiver pending, without an Approve button', async () => {
    const api = fakeApi({
      listWaivers: jest.fn(async () => ({
        items: [pendingWaiver],
        maxDays: 90,
      })),
    });
    await renderAs('user:default/alice', api);
    expect(
      await screen.findByTestId(`waiver-pending-${check.id}`),
    ).toHaveTextContent(/another champion of the team must approve it/i);
    expect(
      screen.queryByTestId(`approve-waiver-${check.id}`),
    ).not.toBeInTheDocument();
  });

  it('says a new waiver is pending approval', async () => {
    const api = fakeApi({
      listWaivers: jest.fn(async () => ({ items: [], maxDays: 30 })),
      createWaiver: jest.fn(async () => pendingWaiver),
    });
    await renderAs('user:default/alice', api);
    await userEvent.click(await screen.findByTestId(`waive-${check.id}`));
    await userEvent.type(
      screen.getByTestId('waiver-reason'),
      'Nightly batch job, one replica is enough',
    );
    await userEvent.click(screen.getByTestId('waiver-submit'));
    expect(await screen.findByRole('status')).toHaveTextContent(
      /pending approval by another champion/,
    );
  });
});
