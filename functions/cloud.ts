import { CloudFrontClient, CreateInvalidationCommand } from "@aws-sdk/client-cloudfront";
import { GetParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { cloudFrontInvalidator, type Invalidator } from "./core/publishing/invalidation";

/**
 * CloudFront invalidation for the functions that publish (staff, scheduler). The distribution is
 * created after the API (it points at it), so its id cannot be an environment variable of these
 * functions without a stack cycle: the Web stack writes it to an SSM parameter whose name is
 * known in advance (PORTAL_DISTRIBUTION_PARAMETER), read once on first use.
 */
export function invalidatorFromEnv(env: NodeJS.ProcessEnv = process.env): Invalidator | undefined {
  const parameter = env.PORTAL_DISTRIBUTION_PARAMETER;
  if (!parameter) return undefined;
  const cloudFront = new CloudFrontClient({});
  let distributionId: Promise<string> | undefined;
  const resolveId = () =>
    (distributionId ??= new SSMClient({})
      .send(new GetParameterCommand({ Name: parameter }))
      .then((out) => out.Parameter?.Value ?? Promise.reject(new Error(`SSM parameter ${parameter} is empty`)))
      .catch((error) => {
        distributionId = undefined;
        throw error;
      }));
  return {
    async invalidate(paths) {
      const invalidator = cloudFrontInvalidator({
        distributionId: await resolveId(),
        send: (input) => cloudFront.send(new CreateInvalidationCommand(input)),
      });
      await invalidator.invalidate(paths);
    },
  };
}
