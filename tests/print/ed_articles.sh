# ed_articles.sh — sourced by the edition suites (test-threads.sh,
# test-flow.sh): Indonesian articles of our own with sections, footnotes
# and subheadings, into the directory $E.
words="pemerintah daerah menyatakan bahwa pembangunan jalan baru akan selesai pada akhir tahun ini setelah warga mengeluhkan kemacetan yang terjadi setiap pagi di pusat kota dan sekitarnya sementara anggaran tambahan sudah disetujui oleh dewan"
para() {        # para N SEED: a paragraph of N words starting at SEED
	echo "$words" | awk -v n="$1" -v s="$2" '{ for (i = 0; i < n; i++) printf "%s%s", (i ? " " : ""), $((s + i * 7) % NF + 1); print "." }'
}
article() {     # article FILE TITLE SECTION PARAGRAPHS [wide]
	{
		printf -- '---\ntitle: %s\nsection: %s\ndate: 2024-10-25\nlang: id\n---\n\n' "$2" "$3"
		i=0; while [ $i -lt "$4" ]; do
			printf 'Paragraf %s nomor %d: %s[^n%d]\n\n' "$2" $i "$(para $((40 + (i * 13) % 50)) $i)" $i
			[ $((i % 5)) = 2 ] && printf '## Subjudul %d\n\n' $i
			i=$((i + 1))
		done
		i=0; while [ $i -lt "$4" ]; do
			printf '[^n%d]: Catatan %d tentang %s.\n' $i $i "$(para 8 $i)"
			i=$((i + 1))
		done
		# with wide, a word wider than the column: a warning from the
		# layout, in the article's place
		if [ "${5:-}" = wide ]; then
			printf '\nKode %s: %s%s.\n' "$2" "$(printf 'q%.0s' $(seq 120))" "$1"
		fi
	} >"$E/$1"
}
