# bash completion for `git reorg` (and `git-reorg`). git's own completion (git-completion.bash) calls
# _git_reorg for `git reorg <TAB>` and loads this file on demand by the name git-reorg.

_git_reorg ()
{
	local subcommands="check where plan apply links stubs rewrite invert help"
	local global="-C --color --color= --quiet --verbose --log-level --help --version"
	local subcommand
	subcommand="$(__git_find_on_cmdline "$subcommands")"
	if [ -z "$subcommand" ]; then
		if [ "$prev" = --log-level ]; then
			__gitcomp "trace debug info warn error off"
			return
		fi
		case "$cur" in
		--color=*) __gitcomp "auto always never" "" "${cur##--color=}" ;;
		-*) __gitcomp "$global" ;;
		*) __gitcomp "$subcommands" ;;
		esac
		return
	fi
	case "$prev" in
	--format)
		case "$subcommand" in
		plan) __gitcomp "text json markdown github csv redirects" ;;
		apply) __gitcomp "text github" ;;
		where) __gitcomp "text json" ;;
		*) __gitcomp "text json github" ;;
		esac
		return ;;
	--log-level)
		__gitcomp "trace debug info warn error off"
		return ;;
	--rev|--tag-before|--branch)
		__git_complete_refs
		return ;;
	-o|--output|-C)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	esac
	case "$subcommand,$cur" in
	check,-*) __gitcomp "--rev --strict --allow-missing --allow-new --allow-broken --fix-broken --format --help" ;;
	where,-*) __gitcomp "--reverse --rev --full-name --stdin -z --format --help" ;;
	plan,-*) __gitcomp "--rev --allow-missing --allow-new --allow-broken --fix-broken --format --output --files --max-bytes --help" ;;
	apply,-*) __gitcomp "--rev --allow-missing --allow-new --allow-broken --fix-broken --tag-before --branch --message --signoff --no-verify --gpg-sign --no-gpg-sign --continue --abort --format --help" ;;
	links,-*) __gitcomp "--rev --format --no-anchors --suggest --help" ;;
	stubs,-*) __gitcomp "--import --dry-run --help" ;;
	rewrite,-*) __gitcomp "--check --dry-run --rev --format --help" ;;
	invert,-*) __gitcomp "--rev --allow-missing --allow-new --allow-broken --fix-broken --output --help" ;;
	help,*) __gitcomp "check where plan apply links stubs rewrite invert" ;;
	where,*|rewrite,*) COMPREPLY=($(compgen -f -- "$cur")) ;;
	*) COMPREPLY=($(compgen -f -X '!*.@(yaml|yml)' -o plusdirs -- "$cur")) ;;
	esac
}

# `git-reorg` typed as its own command: the same completion through git's wrapper.
if declare -F __git_complete >/dev/null 2>&1; then
	__git_complete git-reorg _git_reorg
fi
