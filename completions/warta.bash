# bash completion for warta(1): options, styles, formats, metadata keys.
# Installed by `make install` as share/bash-completion/completions/warta.
_warta()
{
	local cur prev opts
	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	opts="-o --output -t --to -d --outdir -s --style --list-styles --list-style-keys -l --lang
	      -q --quiet -v --verbose --version -h --help --keep-boilerplate --repair
	      --max-size --max-image-size --dpi --pages --report --report=json --missing-glyphs --embed-fonts
	      -M --metadata --metadata-file --keep-tree --edition --edition-date
	      --edition-lang --edition-publisher --edition-number --group-by --manifest --files-from -0 --null -j --jobs"

	case $prev in
	-t|--to)
		local formats="pdf epub png svg json trace" done=
		case $cur in *,*) done=${cur%,*},; cur=${cur##*,} ;; esac
		COMPREPLY=($(compgen -P "$done" -W "$formats" -- "$cur"))
		return 0 ;;
	-s|--style)
		local styles
		styles=$(warta --list-styles 2>/dev/null | awk '{print $1}')
		COMPREPLY=($(compgen -W "$styles" -- "$cur"))
		case $cur in */*|*.style) COMPREPLY+=($(compgen -f -- "$cur")) ;; esac
		return 0 ;;
	--group-by)
		COMPREPLY=($(compgen -W "section source none" -- "$cur"))
		return 0 ;;
	--missing-glyphs)
		COMPREPLY=($(compgen -W "error warn" -- "$cur"))
		return 0 ;;
	-M|--metadata)
		COMPREPLY=($(compgen -S = -W "title subtitle author date source section dateline style keywords lang priority image image-alt image-caption image-credit" -- "$cur"))
		compopt -o nospace 2>/dev/null
		return 0 ;;
	-d|--outdir)
		COMPREPLY=($(compgen -d -- "$cur"))
		return 0 ;;
	-o|--output|--manifest|--files-from|--metadata-file)
		COMPREPLY=($(compgen -f -- "$cur"))
		return 0 ;;
	-l|--lang|--max-size|--max-image-size|--dpi|--pages|--edition|--edition-date|--edition-lang|--edition-publisher|--edition-number|-j|--jobs)
		return 0 ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return 0
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _warta warta
