/**
 * Catalog annotations read by Scale Readiness. Documented for operators in
 * `docs/annotations.md`.
 */

/** Prefix of every Scale Readiness annotation. @public */
export const ANNOTATION_PREFIX = 'scale-readiness.io';

/**
 * On a Group: comma-separated list of champions (user entity refs or plain
 * user names, resolved in the group's namespace), e.g. `user:default/jane, john`.
 * @public
 */
export const ANNOTATION_CHAMPIONS = 'scale-readiness.io/champions';

/**
 * On a Component: where its Kubernetes manifests live. A URL (read through
 * Backstage's UrlReader), or a path relative to the entity's own catalog file
 * (`./deploy/`). A folder is read recursively for `*.yaml` / `*.yml`.
 * Several targets may be separated by commas.
 * @public
 */
export const ANNOTATION_MANIFESTS = 'scale-readiness.io/manifests';

/**
 * On a Component: the observed peak replica count of its main workload, used when
 * no live Kubernetes source provides one (e.g. `"4"`).
 * @public
 */
export const ANNOTATION_PEAK_REPLICAS = 'scale-readiness.io/peak-replicas';

/**
 * On a Component or Resource: quotas declared by the team where no API exists
 * (a third-party rate limit, a licence cap). A JSON or YAML list of
 * `{ name, limit, peak, unit?, adjustable?, increaseUrl? }`.
 * @public
 */
export const ANNOTATION_QUOTAS = 'scale-readiness.io/quotas';

/** On a Component: URL of its runbook / on-call playbook (links of type `runbook` also count). @public */
export const ANNOTATION_RUNBOOK = 'scale-readiness.io/runbook';

/** On a Group: URL of the team's onboarding guide (links of type `onboarding` also count). @public */
export const ANNOTATION_ONBOARDING = 'scale-readiness.io/onboarding';

/** On a Component: URL of its latest load-test report (links of type `load-test` also count). @public */
export const ANNOTATION_LOAD_TEST_REPORT =
  'scale-readiness.io/load-test-report';

/**
 * On a Component or a System: the growth factor to score it (or every
 * Component of the System) against instead of the global `growthFactor`,
 * e.g. `"5"`. See scoped growth in `docs/configuration.md`.
 * @public
 */
export const ANNOTATION_GROWTH_FACTOR = 'scale-readiness.io/growth-factor';

/**
 * On a Component: its observed peak request rate in requests per second, the
 * baseline a load-test report must exceed by the growth factor, e.g. `"120"`.
 * @public
 */
export const ANNOTATION_PEAK_REQUEST_RATE =
  'scale-readiness.io/peak-request-rate';

/** On a Component: ISO date of its latest load test, e.g. `2026-10-02`. @public */
export const ANNOTATION_LOAD_TEST_DATE = 'scale-readiness.io/load-test-date';

/** On a Component: ISO date the TechDocs were last updated (when the TechDocs backend cannot tell). @public */
export const ANNOTATION_DOCS_UPDATED = 'scale-readiness.io/docs-updated';

/**
 * On a Resource of type `kubernetes-cluster`: node-level capacity declared for
 * the cluster when no live source is configured. JSON/YAML:
 * `{ nodeGroups: [{ name, minSize, maxSize, currentSize }] }` or
 * `{ nodePools: [{ name, limits: { cpu }, usage: { cpu } }] }`.
 * @public
 */
export const ANNOTATION_NODE_CAPACITY = 'scale-readiness.io/node-capacity';

/**
 * On a Component: serverless concurrency declared when no AWS source is configured.
 * JSON/YAML: `{ functionName, reservedConcurrency?, accountConcurrency?, peakConcurrency }`.
 * @public
 */
export const ANNOTATION_SERVERLESS = 'scale-readiness.io/serverless';

/**
 * On a Group: CI runner capacity declared for the team when no GitHub source is
 * configured. JSON/YAML: `{ maxRunners, peakConcurrentJobs }`.
 * @public
 */
export const ANNOTATION_CI_CAPACITY = 'scale-readiness.io/ci-capacity';

/** Standard Backstage annotation linking a component to its TechDocs. @public */
export const ANNOTATION_TECHDOCS_REF = 'backstage.io/techdocs-ref';
/** Standard Backstage Kubernetes plugin annotations. @public */
export const ANNOTATION_KUBERNETES_ID = 'backstage.io/kubernetes-id';
/** @public */
export const ANNOTATION_KUBERNETES_LABEL_SELECTOR =
  'backstage.io/kubernetes-label-selector';
/** @public */
export const ANNOTATION_KUBERNETES_NAMESPACE =
  'backstage.io/kubernetes-namespace';

/**
 * On a Group: the GitHub Actions runner groups the team's champions may open
 * to the team's repositories, comma-separated `org/runner-group-name`
 * (e.g. `northwind/linux-large`). See docs/champions.md.
 * @public
 */
export const ANNOTATION_RUNNER_GROUPS = 'scale-readiness.io/runner-groups';

/** Standard GitHub annotation on a Component: `owner/repo`. @public */
export const ANNOTATION_GITHUB_PROJECT_SLUG = 'github.com/project-slug';
/** Standard GitHub annotation on a Group: `org/team-slug`. @public */
export const ANNOTATION_GITHUB_TEAM_SLUG = 'github.com/team-slug';
/** Standard GitHub annotation on a User: the GitHub login. @public */
export const ANNOTATION_GITHUB_USER_LOGIN = 'github.com/user-login';

/**
 * On a Group: where the team's actions-runner-controller `AutoscalingRunnerSet`
 * manifests (`actions.github.com/v1alpha1`) live. URLs (read through
 * Backstage's UrlReader) or paths relative to the group's catalog file; a
 * folder is read recursively for `*.yaml` / `*.yml`; comma-separated. Their
 * `spec.maxRunners` count towards the team's CI runner capacity. See
 * docs/ci-capacity.md.
 * @public
 */
export const ANNOTATION_RUNNER_MANIFESTS =
  'scale-readiness.io/runner-manifests';

/**
 * On a Component or Resource (or on a Resource it depends on, e.g. one of type
 * `aws-account`): the 12-digit AWS account its AWS resources live in. Credentials
 * come from the portal's `aws:` integration config. See docs/aws.md.
 * @public
 */
export const ANNOTATION_AWS_ACCOUNT = 'scale-readiness.io/aws-account';

/**
 * On a Component or Resource (or on a Resource it depends on): the AWS region of
 * its AWS resources, e.g. `eu-west-1`. See docs/aws.md.
 * @public
 */
export const ANNOTATION_AWS_REGION = 'scale-readiness.io/aws-region';

/**
 * On a Component or Resource: comma-separated Lambda function names (or ARNs)
 * whose concurrency the AWS source reads into the `serverless` section.
 * @public
 */
export const ANNOTATION_AWS_LAMBDA_FUNCTIONS =
  'scale-readiness.io/aws-lambda-functions';

/**
 * On a Component or Resource: comma-separated DynamoDB table names whose
 * throughput limits and peak consumed capacity become quotas.
 * @public
 */
export const ANNOTATION_AWS_DYNAMODB_TABLES =
  'scale-readiness.io/aws-dynamodb-tables';

/**
 * On a Component or Resource: comma-separated API Gateway REST API stages as
 * `restApiId/stage`, whose throttles (stage and account) become quotas.
 * @public
 */
export const ANNOTATION_AWS_APIGATEWAY = 'scale-readiness.io/aws-apigateway';

/**
 * On a Component or Resource: comma-separated AWS Service Quotas as
 * `serviceCode/quotaCode` (e.g. `lambda/L-B99A9384`), or `serviceCode/*` for every
 * quota of the service that names a CloudWatch usage metric.
 * @public
 */
export const ANNOTATION_AWS_SERVICE_QUOTAS =
  'scale-readiness.io/aws-service-quotas';
