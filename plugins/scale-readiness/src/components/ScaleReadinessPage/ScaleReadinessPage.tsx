import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { scaleReadinessApiRef } from '../../api/ScaleReadinessApi';

/**
 * Org-level Scale Readiness page.
 * @public
 */
export const ScaleReadinessPage = () => {
  const api = useApi(scaleReadinessApiRef);
  const { value, loading, error } = useAsync(() => api.getHealth(), [api]);

  return (
    <Page themeId="tool">
      <Header
        title="Scale Readiness"
        subtitle="Which components break at N× growth, and which teams can help themselves"
      />
      <Content>
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {value && (
          <InfoCard title="Backend status">
            <StructuredMetadataTable
              metadata={{
                status: value.status,
                'last scoring pass': value.lastPassAt ?? 'not yet run',
                'entities scored': value.entities ?? 0,
              }}
            />
          </InfoCard>
        )}
      </Content>
    </Page>
  );
};
