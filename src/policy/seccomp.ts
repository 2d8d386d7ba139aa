import profile from './seccomp-profile.json' with { type: 'json' };

/**
 * The seccomp profile every sandbox container runs under: the Docker engine's own default profile (moby v20.10.24,
 * profiles/seccomp/default.json, the engine installed here) with io_uring_setup, io_uring_enter and
 * io_uring_register removed, so they fail with EPERM like every call the profile does not list. A profile given
 * through the API replaces the engine's default rather than adding to it, hence the whole profile.
 */
export const SECCOMP_PROFILE: string = JSON.stringify(profile);

/** The security option that applies it (the API takes the profile itself, not a path). */
export const SECCOMP_OPT = `seccomp=${SECCOMP_PROFILE}`;

/** System calls the profile denies on top of the engine's default. */
export const DENIED_BEYOND_DEFAULT = ['io_uring_setup', 'io_uring_enter', 'io_uring_register'] as const;
