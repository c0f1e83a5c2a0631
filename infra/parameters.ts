/**
 * Names of the SSM parameters a stage publishes for tools that run outside it (no CDK import
 * here: scripts/admin-cli.ts reads them with the operator's credentials).
 */
export const APP_NAME_FOR_PARAMETERS = "portal";

/** `/portal/<stage>/table-name`: the stage's DynamoDB table (written by the Storage stack). */
export function tableParameterName(stage: string, app = APP_NAME_FOR_PARAMETERS): string {
  return `/${app}/${stage}/table-name`;
}
