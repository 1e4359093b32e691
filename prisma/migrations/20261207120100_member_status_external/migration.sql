-- People with a role but no membership, such as an outside auditor with the accountant role.
ALTER TYPE "MemberStatus" ADD VALUE 'external';
