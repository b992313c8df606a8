export interface Config {
  scaleReadiness?: {
    /** AWS fact source (Service Quotas, CloudWatch, Lambda, DynamoDB, API Gateway). */
    aws?: {};
  };
}
