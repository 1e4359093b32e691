import { demoPassword } from '../api/src/seed/demo-data';
import { demoLogins } from '../api/src/seed/seed-demo-cooperative';

export function printDemoLogins(): void {
  const logins = demoLogins();
  const width = Math.max(...logins.map((login) => login.email.length));
  console.log(`\nDemo logins (password for all: ${demoPassword}):`);
  for (const login of logins) {
    console.log(`  ${login.email.padEnd(width)}  ${login.displayName}  [${login.status === 'applicant' ? 'applicant, waiting for admission' : login.status === 'external' ? `${login.roles.join(', ')}, not a member` : login.roles.join(', ')}]`);
  }
  console.log('');
}
