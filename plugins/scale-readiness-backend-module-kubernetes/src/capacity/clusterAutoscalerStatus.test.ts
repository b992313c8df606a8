import { parseClusterAutoscalerStatus } from './clusterAutoscalerStatus';

/** As written by cluster-autoscaler 1.30+ (`status` key of the ConfigMap). */
const YAML_STATUS = `time: 2026-11-25 10:06:33.467542613 +0000 UTC
autoscalerStatus: Running
clusterWide:
  health:
    status: Healthy
    nodeCounts:
      registered:
        total: 11
        ready: 9
        notStarted: 1
        unready:
          total: 1
          resourceUnready: 0
      longUnregistered: 0
      unregistered: 0
    lastProbeTime: "2026-11-25T10:06:33Z"
    lastTransitionTime: "2026-11-20T14:52:02Z"
  scaleUp:
    status: NoActivity
  scaleDown:
    status: NoCandidates
    candidates: 0
nodeGroups:
  - name: eks-general-2026
    health:
      status: Healthy
      nodeCounts:
        registered:
          total: 3
          ready: 3
      cloudProviderTarget: 4
      minSize: 2
      maxSize: 10
    scaleUp:
      status: InProgress
  - name: eks-batch
    health:
      status: Unhealthy
      nodeCounts:
        registered:
          total: 8
          ready: 6
      cloudProviderTarget: 8
      minSize: 1
      maxSize: 8
    scaleUp:
      status: Backoff
      backoffInfo:
        errorCode: QUOTA_EXCEEDED
`;

/** As written before 1.30 (human-readable text). */
const TEXT_STATUS = `Cluster-autoscaler status at 2023-05-10 12:00:00.123456789 +0000 UTC:
Cluster-wide:
  Health:      Healthy (ready=6 unready=0 (resourceUnready=0) notStarted=0 longNotStarted=0 registered=6 longUnregistered=0)
               LastProbeTime:      2023-05-10 12:00:00.1 +0000 UTC m=+100.1
               LastTransitionTime: 2023-05-01 08:00:00.1 +0000 UTC m=+1.1
  ScaleUp:     NoActivity (ready=6 registered=6)
               LastProbeTime:      2023-05-10 12:00:00.1 +0000 UTC m=+100.1
               LastTransitionTime: 2023-05-01 08:00:00.1 +0000 UTC m=+1.1
  ScaleDown:   NoCandidates (candidates=0)
               LastProbeTime:      2023-05-10 12:00:00.1 +0000 UTC m=+100.1
               LastTransitionTime: 2023-05-01 08:00:00.1 +0000 UTC m=+1.1

NodeGroups:
  Name:        eks-ng-frontend-8cc2
  Health:      Healthy (ready=2 unready=0 (resourceUnready=0) notStarted=0 longNotStarted=0 registered=2 longUnregistered=0 cloudProviderTarget=2 (minSize=1, maxSize=6))
               LastProbeTime:      2023-05-10 12:00:00.1 +0000 UTC m=+100.1
               LastTransitionTime: 2023-05-01 08:00:00.1 +0000 UTC m=+1.1
  ScaleUp:     NoActivity (ready=2 cloudProviderTarget=2)
               LastProbeTime:      2023-05-10 12:00:00.1 +0000 UTC m=+100.1
               LastTransitionTime: 2023-05-01 08:00:00.1 +0000 UTC m=+1.1
  ScaleDown:   NoCandidates (candidates=0)
               LastProbeTime:      2023-05-10 12:00:00.1 +0000 UTC m=+100.1
               LastTransitionTime: 2023-05-01 08:00:00.1 +0000 UTC m=+1.1

  Name:        eks-ng-backend-12ab
  Health:      Healthy (ready=4 unready=0 (resourceUnready=0) notStarted=0 longNotStarted=0 registered=4 longUnregistered=0 cloudProviderTarget=4 (minSize=2, maxSize=4))
               LastProbeTime:      2023-05-10 12:00:00.1 +0000 UTC m=+100.1
               LastTransitionTime: 2023-05-01 08:00:00.1 +0000 UTC m=+1.1
  ScaleUp:     NoActivity (ready=4 cloudProviderTarget=4)
               LastProbeTime:      2023-05-10 12:00:00.1 +0000 UTC m=+100.1
               LastTransitionTime: 2023-05-01 08:00:00.1 +0000 UTC m=+1.1
  ScaleDown:   NoCandidates (candidates=0)
               LastProbeTime:      2023-05-10 12:00:00.1 +0000 UTC m=+100.1
               LastTransitionTime: 2023-05-01 08:00:00.1 +0000 UTC m=+1.1

`;

describe('parseClusterAutoscalerStatus', () => {
  it('reads the YAML format (1.30+): target size as current, min/max, registered, health', () => {
    const status = parseClusterAutoscalerStatus(YAML_STATUS);
    expect(status.format).toBe('yaml');
    expect(status.time).toBe('2026-11-25 10:06:33.467542613 +0000 UTC');
    expect(status.nodeGroups).toEqual([
      {
        name: 'eks-general-2026',
        minSize: 2,
        maxSize: 10,
        currentSize: 4,
        registered: 3,
        health: 'Healthy',
      },
      {
        name: 'eks-batch',
        minSize: 1,
        maxSize: 8,
        currentSize: 8,
        registered: 8,
        health: 'Unhealthy',
      },
    ]);
  });

  it('reads the text format (before 1.30), one entry per Name/Health pair', () => {
    const status = parseClusterAutoscalerStatus(TEXT_STATUS);
    expect(status.format).toBe('text');
    expect(status.time).toBe('2023-05-10 12:00:00.123456789 +0000 UTC');
    expect(status.nodeGroups).toEqual([
      {
        name: 'eks-ng-frontend-8cc2',
        minSize: 1,
        maxSize: 6,
        currentSize: 2,
        registered: 2,
        health: 'Healthy',
      },
      {
        name: 'eks-ng-backend-12ab',
        minSize: 2,
        maxSize: 4,
        currentSize: 4,
        registered: 4,
        health: 'Healthy',
      },
    ]);
  });

  it('uses the registered count when the target size is not reported', () => {
    const yaml = YAML_STATUS.replace('      cloudProviderTarget: 4\n', '');
    expect(parseClusterAutoscalerStatus(yaml).nodeGroups[0].currentSize).toBe(
      3,
    );
    const text = TEXT_STATUS.replace(
      ' cloudProviderTarget=2 (minSize',
      ' (minSize',
    );
    expect(parseClusterAutoscalerStatus(text).nodeGroups[0].currentSize).toBe(
      2,
    );
  });

  it('returns no node group when the autoscaler manages none', () => {
    const text = TEXT_STATUS.slice(0, TEXT_STATUS.indexOf('NodeGroups:'));
    expect(parseClusterAutoscalerStatus(text).nodeGroups).toEqual([]);
    const yaml = YAML_STATUS.slice(0, YAML_STATUS.indexOf('nodeGroups:'));
    expect(parseClusterAutoscalerStatus(yaml).nodeGroups).toEqual([]);
  });

  it('rejects a node group without maxSize and text in neither format', () => {
    expect(() =>
      parseClusterAutoscalerStatus(
        YAML_STATUS.replace('      maxSize: 10\n', ''),
      ),
    ).toThrow("node group 'eks-general-2026' has no health.maxSize");
    expect(() =>
      parseClusterAutoscalerStatus(TEXT_STATUS.replace(', maxSize=6', '')),
    ).toThrow("node group 'eks-ng-frontend-8cc2' has no maxSize");
    expect(() => parseClusterAutoscalerStatus('Initializing')).toThrow(
      'neither the YAML nor the text format',
    );
    expect(() => parseClusterAutoscalerStatus('a: [b')).toThrow(
      'neither the YAML nor the text format',
    );
  });
});
