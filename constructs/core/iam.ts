/** Trust policy letting one AWS service assume a role. */
export function assumeRolePolicy(servicePrincipal: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Principal: { Service: servicePrincipal }, Action: "sts:AssumeRole" },
    ],
  });
}
